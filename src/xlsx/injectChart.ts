/**
 * Adds the chart part to the package (no common library writes charts): the chart XML, a drawing
 * anchor, the relationships and the content types. When the sheet already has a drawing (its
 * pictures, shapes or charts), the chart joins that drawing — a sheet may have only one — and an
 * earlier run's chart (found by its name) is taken out of it first, so a re-run never adds a
 * second chart. When the sheet has no drawing, a new one is made and the caller adds the
 * <drawing> element to the sheet part (which it is rewriting anyway: sheetPatcher).
 */
import type JSZip from 'jszip';
import { NS_XDR, chartAnchorXml, drawingXml } from './chartXml';
import { EMPTY_RELS, addOverride, addRel, freePart, nextRelId, relsOf, relsPath, removeOverride, removeRel, resolveTarget, text } from './opc';
import { CHART_NAME } from './summaryTexts';

const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

export interface ChartPlacement {
  /** The part of the sheet the chart goes on. */
  sheetPart: string;
  chartXml: string;
  /** 0-based top-left cell of the chart. */
  col: number;
  row: number;
}

/**
 * Adds the chart to the package in `zip` (changed in place). Returns the relationship id of a
 * new drawing that the sheet part must refer to (`<drawing r:id="…"/>`), or null when the chart
 * joined the sheet's existing drawing.
 */
export async function injectChart(zip: JSZip, placement: ChartPlacement): Promise<string | null> {
  const { sheetPart } = placement;
  const sheetRelsPart = relsPath(sheetPart);
  let sheetRels = zip.file(sheetRelsPart) ? await text(zip, sheetRelsPart) : EMPTY_RELS;
  let contentTypes = await text(zip, '[Content_Types].xml');

  let drawingPart: string;
  let drawing: string;
  let newDrawingRel: string | null = null;
  const existing = relsOf(sheetRels).find((r) => r.type === REL_DRAWING);
  if (existing) {
    drawingPart = resolveTarget(sheetPart, existing.target);
    drawing = await text(zip, drawingPart);
  } else {
    drawingPart = freePart(zip, 'xl/drawings', 'drawing');
    drawing = drawingXml('');
    newDrawingRel = nextRelId(sheetRels);
    sheetRels = addRel(sheetRels, newDrawingRel, REL_DRAWING, `../drawings/${drawingPart.split('/').pop()}`);
    contentTypes = addOverride(contentTypes, drawingPart, CT_DRAWING);
    zip.file(sheetRelsPart, sheetRels);
  }

  const drawingRelsPart = relsPath(drawingPart);
  let drawingRels = zip.file(drawingRelsPart) ? await text(zip, drawingRelsPart) : EMPTY_RELS;
  ({ drawing, drawingRels, contentTypes } = removeEarlierChart(zip, drawingPart, drawing, drawingRels, contentTypes));

  const chartPart = freePart(zip, 'xl/charts', 'chart');
  zip.file(chartPart, placement.chartXml);
  contentTypes = addOverride(contentTypes, chartPart, CT_CHART);
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
  return newDrawingRel;
}

/** Takes an earlier run's chart (its anchor, relationship and parts) out of a drawing. */
function removeEarlierChart(
  zip: JSZip,
  drawingPart: string,
  drawing: string,
  drawingRels: string,
  contentTypes: string,
): { drawing: string; drawingRels: string; contentTypes: string } {
  const anchors = [...drawing.matchAll(/<(\w+:)?(oneCellAnchor|twoCellAnchor|absoluteAnchor)\b[\s\S]*?<\/\1?\2>/g)];
  for (const m of anchors.reverse()) {
    if (!new RegExp(`<(?:\\w+:)?cNvPr\\b[^>]*\\bname="${CHART_NAME}"`).test(m[0]) || m.index === undefined) continue;
    const relId = /<(?:\w+:)?chart\b[^>]*\br:id="([^"]+)"/.exec(m[0])?.[1];
    const rel = relsOf(drawingRels).find((r) => r.id === relId);
    if (rel && rel.type === REL_CHART) {
      const chartPart = resolveTarget(drawingPart, rel.target);
      zip.remove(chartPart);
      zip.remove(relsPath(chartPart));
      contentTypes = removeOverride(contentTypes, chartPart);
      drawingRels = removeRel(drawingRels, rel.id);
    }
    drawing = drawing.slice(0, m.index) + drawing.slice(m.index + m[0].length);
  }
  return { drawing, drawingRels, contentTypes };
}

