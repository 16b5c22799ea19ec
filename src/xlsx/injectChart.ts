/**
 * Adds a chart part to a finished .xlsx package (exceljs cannot write charts): the chart XML,
 * a drawing anchor on the sheet, the relationships and the content types. When the sheet already
 * has a drawing (exceljs writes one for images), the chart joins that drawing — a sheet may have
 * only one — so the images stay.
 */
import type JSZip from 'jszip';
import { NS_R, NS_XDR, chartAnchorXml, drawingXml } from './chartXml';
import { EMPTY_RELS, addOverride, addRel, attrs, freePart, nextRelId, relsOf, relsPath, resolveTarget, sheetPartOf, text } from './opc';

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
  let sheetXml = await text(zip, sheetPart);
  const sheetRelsPart = relsPath(sheetPart);
  let sheetRels = zip.file(sheetRelsPart) ? await text(zip, sheetRelsPart) : EMPTY_RELS;
  let contentTypes = await text(zip, '[Content_Types].xml');
  const override = (part: string, type: string) => {
    contentTypes = addOverride(contentTypes, part, type);
  };

  // Join the sheet's drawing if it has one, else give it a new drawing.
  let drawingPart: string;
  let drawing: string;
  const existing = /<drawing\b[^>]*>/.exec(sheetXml);
  if (existing) {
    const rel = relsOf(sheetRels).find((r) => r.id === attrs(existing[0])['r:id']);
    if (!rel) throw new Error(`The sheet "${placement.sheetName}" refers to a drawing it does not have`);
    drawingPart = resolveTarget(sheetPart, rel.target);
    drawing = await text(zip, drawingPart);
  } else {
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
