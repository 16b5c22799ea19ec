/**
 * Adds a chart part to a finished .xlsx package (exceljs cannot write charts): the chart XML,
 * a drawing anchor on the sheet, the relationships and the content types. When the sheet already
 * has a drawing (exceljs writes one for images), the chart joins that drawing — a sheet may have
 * only one — so the images stay.
 *
 * The sheet's own part is the big one (every cell). To leave it exactly as exceljs compressed it
 * — rewriting it means inflating and deflating the whole table again — the writer has exceljs
 * place a placeholder image where the chart goes, so the sheet already refers to a drawing; the
 * placeholder is then replaced by the chart here, and only small parts change.
 */
import type JSZip from 'jszip';
import { NS_R, NS_XDR, chartAnchorXml, drawingXml } from './chartXml';
import { EMPTY_RELS, addOverride, addRel, freePart, nextRelId, relsOf, relsPath, resolveTarget, sheetPartOf, text } from './opc';

const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

export interface ChartPlacement {
  sheetName: string;
  chartXml: string;
  /** 0-based top-left cell of the chart. */
  col: number;
  row: number;
  /** File name of the placeholder image (in xl/media) the chart replaces, if the writer added one. */
  placeholderMedia?: string;
}

/** Where <drawing> goes in CT_Worksheet: before the first of these top-level elements. */
function drawingInsertAt(sheetXml: string): number {
  const candidates = ['<legacyDrawing', '<legacyDrawingHF', '<drawingHF', '<picture', '<oleObjects', '<controls', '<webPublishItems', '<tableParts']
    .map((tag) => sheetXml.search(new RegExp(`${tag}[\\s/>]`)))
    .filter((i) => i >= 0);
  // The worksheet's own extLst is its last child (nested ones sit inside earlier elements).
  const ext = sheetXml.lastIndexOf('<extLst');
  const extEnd = sheetXml.lastIndexOf('</extLst>');
  if (ext >= 0 && extEnd >= 0 && /^\s*<\/worksheet>\s*$/.test(sheetXml.slice(extEnd + '</extLst>'.length))) candidates.push(ext);
  const close = sheetXml.lastIndexOf('</worksheet>');
  if (close < 0) throw new Error('The worksheet part is not a worksheet');
  return Math.min(close, ...candidates);
}

/** Adds the chart to the package in `zip` (changed in place). */
export async function injectChart(zip: JSZip, placement: ChartPlacement): Promise<void> {
  const sheetPart = await sheetPartOf(zip, placement.sheetName);
  const sheetRelsPart = relsPath(sheetPart);
  let sheetRels = zip.file(sheetRelsPart) ? await text(zip, sheetRelsPart) : EMPTY_RELS;
  let contentTypes = await text(zip, '[Content_Types].xml');
  const override = (part: string, type: string) => {
    contentTypes = addOverride(contentTypes, part, type);
  };

  // Join the sheet's drawing if it has one, else give it a new drawing.
  let drawingPart: string;
  let drawing: string;
  // A sheet refers to its drawing through its relationships, so they tell without reading the sheet.
  const existing = relsOf(sheetRels).find((r) => r.type === REL_DRAWING);
  if (existing) {
    drawingPart = resolveTarget(sheetPart, existing.target);
    drawing = await text(zip, drawingPart);
  } else {
    let sheetXml = await text(zip, sheetPart);
    drawingPart = freePart(zip, 'xl/drawings', 'drawing');
    drawing = drawingXml('');
    const id = nextRelId(sheetRels);
    sheetRels = addRel(sheetRels, id, REL_DRAWING, `../drawings/${drawingPart.split('/').pop()}`);
    const at = drawingInsertAt(sheetXml);
    sheetXml = `${sheetXml.slice(0, at)}<drawing xmlns:r="${NS_R}" r:id="${id}"/>${sheetXml.slice(at)}`;
    override(drawingPart, CT_DRAWING);
    zip.file(sheetPart, sheetXml);
    zip.file(sheetRelsPart, sheetRels);
  }

  const chartPart = freePart(zip, 'xl/charts', 'chart');
  zip.file(chartPart, placement.chartXml);
  override(chartPart, CT_CHART);

  const drawingRelsPart = relsPath(drawingPart);
  let drawingRels = zip.file(drawingRelsPart) ? await text(zip, drawingRelsPart) : EMPTY_RELS;
  if (placement.placeholderMedia) ({ drawing, drawingRels } = removePlaceholder(zip, drawing, drawingRels, drawingPart, placement.placeholderMedia));
  const chartRelId = nextRelId(drawingRels);
  drawingRels = addRel(drawingRels, chartRelId, REL_CHART, `../charts/${chartPart.split('/').pop()}`);

  const shapeIds = [...drawing.matchAll(/<(?:\w+:)?cNvPr\b[^>]*\bid="(\d+)"/g)].map((m) => Number(m[1]));
  // The anchor declares its own xdr prefix so it fits a drawing written with any prefix.
  const anchor = chartAnchorXml(placement.col, placement.row, chartRelId, Math.max(1, ...shapeIds) + 1).replace(
    '<xdr:oneCellAnchor>',
    `<xdr:oneCellAnchor xmlns:xdr="${NS_XDR}">`,
  );
  const closeRoot = /<\/(\w+:)?wsDr>\s*$/.exec(drawing);
  if (!closeRoot) throw new Error(`The drawing part ${drawingPart} is not a drawing`);
  drawing = drawing.slice(0, closeRoot.index) + anchor + drawing.slice(closeRoot.index);

  zip.file(drawingPart, drawing);
  zip.file(drawingRelsPart, drawingRels);
  zip.file('[Content_Types].xml', contentTypes);
}

/** Removes the placeholder picture (its anchor, its relationship and its image file) from a drawing. */
function removePlaceholder(
  zip: JSZip,
  drawing: string,
  drawingRels: string,
  drawingPart: string,
  media: string,
): { drawing: string; drawingRels: string } {
  const rel = relsOf(drawingRels).find((r) => resolveTarget(drawingPart, r.target) === `xl/media/${media}`);
  if (!rel) throw new Error(`The chart placeholder ${media} is not in the drawing ${drawingPart}`);
  // exceljs writes one anchor per picture; the placeholder's is the one that embeds its image.
  const anchors = [...drawing.matchAll(/<(\w+:)?(oneCellAnchor|twoCellAnchor|absoluteAnchor)\b[\s\S]*?<\/\1?\2>/g)];
  const mine = anchors.find((m) => new RegExp(`r:embed="${rel.id}"`).test(m[0]));
  if (!mine || mine.index === undefined) throw new Error(`The chart placeholder ${media} has no anchor in ${drawingPart}`);
  zip.remove(`xl/media/${media}`);
  return {
    drawing: drawing.slice(0, mine.index) + drawing.slice(mine.index + mine[0].length),
    drawingRels: drawingRels.replace(new RegExp(`<Relationship\\b[^>]*\\bId="${rel.id}"[^>]*/>`), ''),
  };
}
