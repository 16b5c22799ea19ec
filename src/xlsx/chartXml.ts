/**
 * DrawingML for the matrix chart: the chart part (c:chartSpace with one c:scatterChart) and the
 * drawing anchor that places it on the sheet. Element order follows the ECMA-376 schema
 * (CT_ScatterSer, CT_DLbl, CT_ValAx …) — Excel refuses a chart whose children are out of order.
 *
 * Client-name labels are per-point c:dLbl with rich text rather than the c15 "value from cells"
 * extension, because LibreOffice (and older Excel) ignore c15:datalabelsRange.
 */
import type { LabelPosition } from '../domain';
import { CHART_LAYOUT, type ChartModel, type LineSeries } from './chartModel';
import { CHART_NAME } from './summaryTexts';
import { utf8, XmlBytes } from './xmlBytes';

/** Where a series' data lives on the summary sheet (absolute references with the sheet name). */
export interface SeriesRefs {
  name: string;
  x: string;
  y: string;
}

export interface ChartRefs {
  series: SeriesRefs[];
  dividers: SeriesRefs[];
  corners: SeriesRefs[];
}

export const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
export const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
export const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const num = (v: number) => (Number.isFinite(v) ? String(v) : '0');

function strRef(ref: string, text: string): string {
  return (
    `<c:tx><c:strRef><c:f>${escapeXml(ref)}</c:f><c:strCache><c:ptCount val="1"/>` +
    `<c:pt idx="0"><c:v>${escapeXml(text)}</c:v></c:pt></c:strCache></c:strRef></c:tx>`
  );
}

const PT_OPEN = utf8('<c:pt idx="');
const PT_VALUE = utf8('"><c:v>');
const PT_CLOSE = utf8('</c:v></c:pt>');
const ZERO = utf8('0');

/**
 * `<c:pt idx="i"><c:v>v</c:v></c:pt>` for each value (num(v)), written as bytes: a quadrant may
 * have a point for each of a few hundred thousand clients.
 */
function points(values: number[]): string {
  const out = new XmlBytes(1 << 16);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out.copy(PT_OPEN);
    out.uint(i);
    out.copy(PT_VALUE);
    if (Number.isFinite(v)) out.number(v);
    else out.copy(ZERO);
    out.copy(PT_CLOSE);
  }
  return out.view().toString('latin1');
}

/** Values with their cache, so a reader that does not recalculate still draws the chart. */
function numRef(tag: 'xVal' | 'yVal', ref: string, values: number[]): string {
  // An empty quadrant points at one blank cell: Excel rejects a reference to no cells.
  const pts = points(values);
  return (
    `<c:${tag}><c:numRef><c:f>${escapeXml(ref)}</c:f><c:numCache><c:formatCode>General</c:formatCode>` +
    `<c:ptCount val="${Math.max(1, values.length)}"/>${pts}</c:numCache></c:numRef></c:${tag}>`
  );
}

const solid = (color: string) => `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;

function richText(text: string, lang: string, attrs: string): string {
  return (
    `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr ${attrs}/></a:pPr>` +
    `<a:r><a:rPr lang="${lang}" ${attrs}/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich>`
  );
}

function textProps(attrs: string, fill = ''): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr ${attrs}>${fill}</a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`;
}

const SHOW_NONE =
  '<c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/>' +
  '<c:showPercent val="0"/><c:showBubbleSize val="0"/>';

/** ST_DLblPos for a scatter point's label (ECMA-376 21.2.3.11: l, r, t, b, ctr for scatter). */
const DLBL_POS: Readonly<Record<LabelPosition, string>> = { Left: 'l', Right: 'r', Top: 't', Bottom: 'b', Center: 'ctr' };

/** The plot area's inside fixed where CHART_LAYOUT says (fractions of the chart), so labels placed for it fit. */
function plotLayout(): string {
  const { width, height, plot } = CHART_LAYOUT;
  const f = (v: number) => String(Math.round(v * 10000) / 10000);
  return (
    `<c:layout><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/>` +
    `<c:x val="${f(plot.left / width)}"/><c:y val="${f(plot.top / height)}"/><c:w val="${f(plot.width / width)}"/><c:h val="${f(plot.height / height)}"/>` +
    `</c:manualLayout></c:layout>`
  );
}

function quadrantSeries(model: ChartModel, i: number, refs: SeriesRefs, lang: string): string {
  const s = model.series[i];
  const dLbl = s.points
    .map((p, idx) => ({ p, idx }))
    .filter(({ p }) => p.label !== null)
    .map(
      ({ p, idx }) =>
        `<c:dLbl><c:idx val="${idx}"/><c:tx>${richText(p.label ?? '', lang, 'sz="800"')}</c:tx>` +
        `<c:dLblPos val="${DLBL_POS[p.labelPosition ?? 'Right']}"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>` +
        `<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbl>`,
    )
    .join('');
  const dLbls = dLbl ? `<c:dLbls>${dLbl}${textProps('sz="800"')}<c:dLblPos val="r"/>${SHOW_NONE}</c:dLbls>` : '';
  return (
    `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${strRef(refs.name, s.name)}` +
    `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>` +
    `<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>${solid(s.color)}` +
    `<a:ln w="6350">${solid(s.color)}</a:ln></c:spPr></c:marker>${dLbls}` +
    numRef('xVal', refs.x, s.points.map((p) => p.x)) +
    numRef('yVal', refs.y, s.points.map((p) => p.y)) +
    `<c:smooth val="0"/></c:ser>`
  );
}

function lineSeries(idx: number, line: LineSeries, refs: SeriesRefs): string {
  return (
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>${strRef(refs.name, line.name)}` +
    `<c:spPr><a:ln w="15875" cap="rnd">${solid('424242')}<a:prstDash val="dash"/><a:round/></a:ln></c:spPr>` +
    `<c:marker><c:symbol val="none"/></c:marker>` +
    numRef('xVal', refs.x, line.points.map((p) => p.x)) +
    numRef('yVal', refs.y, line.points.map((p) => p.y)) +
    `<c:smooth val="0"/></c:ser>`
  );
}

/** A one-point series with no marker whose data label is its name: a quadrant name in a corner. */
function cornerSeries(idx: number, model: ChartModel, i: number, refs: SeriesRefs): string {
  const c = model.corners[i];
  return (
    `<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>${strRef(refs.name, c.name)}` +
    `<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>` +
    `<c:dLbls>${textProps('sz="1000" b="1"', solid(c.color))}<c:dLblPos val="${c.position}"/>` +
    `<c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="1"/>` +
    `<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
    numRef('xVal', refs.x, [c.x]) +
    numRef('yVal', refs.y, [c.y]) +
    `<c:smooth val="0"/></c:ser>`
  );
}

const X_AXIS_ID = 510001;
const Y_AXIS_ID = 510002;

function valAx(
  id: number,
  crossId: number,
  pos: 'b' | 'l',
  axis: { min: number; max: number; numFmt: string; log?: boolean },
  title: string,
  lang: string,
): string {
  const scaling =
    (axis.log ? '<c:logBase val="10"/>' : '') + `<c:orientation val="minMax"/><c:max val="${num(axis.max)}"/><c:min val="${num(axis.min)}"/>`;
  return (
    `<c:valAx><c:axId val="${id}"/><c:scaling>${scaling}</c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>` +
    `<c:majorGridlines><c:spPr><a:ln w="6350">${solid('E0E0E0')}</a:ln></c:spPr></c:majorGridlines>` +
    `<c:title><c:tx>${richText(title, lang, 'sz="1000" b="0"')}</c:tx><c:overlay val="0"/></c:title>` +
    `<c:numFmt formatCode="${escapeXml(axis.numFmt)}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>` +
    `<c:spPr><a:ln w="9525">${solid('9E9E9E')}</a:ln></c:spPr>${textProps('sz="900"')}` +
    `<c:crossAx val="${crossId}"/><c:crosses val="min"/><c:crossBetween val="midCat"/></c:valAx>`
  );
}

/** The chart part (xl/charts/chartN.xml). */
export function chartXml(model: ChartModel, refs: ChartRefs, lang: string): string {
  const nQuadrants = model.series.length;
  const series = [
    ...model.series.map((_, i) => quadrantSeries(model, i, refs.series[i], lang)),
    ...model.dividers.map((d, i) => lineSeries(nQuadrants + i, d, refs.dividers[i])),
    ...model.corners.map((_, i) => cornerSeries(nQuadrants + model.dividers.length + i, model, i, refs.corners[i])),
  ].join('');
  // Only the quadrants belong in the legend; dividers and corner names are hidden from it.
  const total = nQuadrants + model.dividers.length + model.corners.length;
  const hidden = Array.from({ length: total - nQuadrants }, (_, k) => `<c:legendEntry><c:idx val="${nQuadrants + k}"/><c:delete val="1"/></c:legendEntry>`).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart><c:title><c:tx>${richText(model.title, lang, 'sz="1400" b="1"')}</c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea>${plotLayout()}` +
    `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series}` +
    `<c:axId val="${X_AXIS_ID}"/><c:axId val="${Y_AXIS_ID}"/></c:scatterChart>` +
    valAx(X_AXIS_ID, Y_AXIS_ID, 'b', model.x, model.xTitle, lang) +
    valAx(Y_AXIS_ID, X_AXIS_ID, 'l', model.y, model.yTitle, lang) +
    `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>` +
    `<c:legend><c:legendPos val="b"/>${hidden}<c:overlay val="0"/>${textProps('sz="900"')}</c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr>${solid('FFFFFF')}<a:ln w="9525">${solid('BDBDBD')}</a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

/** Chart size on the sheet (EMU): about 19 × 13 cm, room for the labels and a legend. */
export const CHART_WIDTH_EMU = Math.round(CHART_LAYOUT.width * 12700);
export const CHART_HEIGHT_EMU = Math.round(CHART_LAYOUT.height * 12700);

/**
 * One anchor (xdr:oneCellAnchor: top-left cell plus a fixed size, so the chart keeps its size
 * whatever the column widths). `col` and `row` are 0-based; `relId` names the chart in the
 * drawing's relationships; `shapeId` must be unique within the drawing.
 */
export function chartAnchorXml(col: number, row: number, relId: string, shapeId: number): string {
  return (
    `<xdr:oneCellAnchor><xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff>` +
    `<xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:ext cx="${CHART_WIDTH_EMU}" cy="${CHART_HEIGHT_EMU}"/>` +
    `<xdr:graphicFrame macro="" xmlns:a="${NS_A}"><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="${CHART_NAME}"/>` +
    `<xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}">` +
    `<c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${relId}"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`
  );
}

/** A new drawing part holding only the chart. */
export function drawingXml(anchor: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchor}</xdr:wsDr>`
  );
}
