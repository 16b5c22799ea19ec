/**
 * The matrix chart's client-name labels, measured from the chart the adapter created in the
 * in-memory workbook (series values, each label's text and position, the axes): on the sandbox's
 * sample portfolio and on 2,000 clients no two label boxes overlap and none covers a quadrant
 * name in a corner; the labels Excel could not fit are counted on the summary sheet.
 */
import {
  DEFAULT_CONFIG,
  LABEL_MARGIN,
  LABEL_POSITION_ORDER,
  chartLabelPriority,
  cornerBox,
  labelBox,
  mappingToConfig,
  overlaps,
  textExtent,
  toPlot,
  type Box,
  type PlotFrame,
} from '../../src/domain';
import { CHART_LAYOUT, CHART_NAME, createPortfolioActions } from '../../src/excel';
import type { RunOutcome } from '../../src/excel/api';
import type { ChartSnapshot } from '../../src/inMemoryExcel';
import { generateSample } from '../../src/sandbox/sample';
import { workbookFromSample } from '../../src/sandbox/workbookView';

type Done = Extract<RunOutcome, { kind: 'done' }>;

async function analyseSample(rows: number, locale: 'zh-CN' | 'en-US') {
  const wb = workbookFromSample(generateSample({ locale, rows }));
  const actions = createPortfolioActions((b) => wb.run(b));
  const table = await actions.detectTable();
  const map = mappingToConfig({ columns: {}, headers: table.mapping });
  const out = await actions.run({ config: { ...DEFAULT_CONFIG, asOf: '2026-10-31', locale, map }, today: '2026-11-23' });
  if (out.kind !== 'done') throw new Error(out.kind);
  const chart = wb.snapshot().charts.find((c) => c.name === CHART_NAME) as ChartSnapshot;
  return { wb, out: out as Done, chart };
}

/** Every drawn label's box, from the snapshot alone (what Excel was told). */
function drawnLabels(chart: ChartSnapshot) {
  const { category: x, value: y } = chart.axes;
  const frame: PlotFrame = {
    width: CHART_LAYOUT.plot.width,
    height: CHART_LAYOUT.plot.height,
    x: { min: x.minimum as number, max: x.maximum as number },
    y: { min: y.minimum as number, max: y.maximum as number, log: y.scaleType === 'Logarithmic' },
  };
  const clients: { text: string; box: Box; key: string }[] = [];
  const corners: { text: string; box: Box }[] = [];
  for (const s of chart.series) {
    for (const p of s.points) {
      if (!p.hasDataLabel || !p.labelText) continue;
      const px = s.xValues[p.index] as number;
      const py = s.yValues[p.index] as number;
      const position = p.label.position as 'Left' | 'Right' | 'Top' | 'Bottom' | 'Center';
      if (s.marker.style === 'None') corners.push({ text: p.labelText, box: cornerBox(frame, { x: px, y: py, text: p.labelText, position }, CHART_LAYOUT.cornerFontSize) });
      else clients.push({ text: p.labelText, key: `${px}|${py}|${p.labelText}`, box: labelBox(toPlot(frame, px, py), textExtent(p.labelText, CHART_LAYOUT.labelFontSize), position, s.marker.size) });
    }
  }
  return { frame, clients, corners };
}

function overlapping(boxes: { text: string; box: Box }[], others: { text: string; box: Box }[] = boxes): string[] {
  const out: string[] = [];
  boxes.forEach((a, i) =>
    others.forEach((b, j) => {
      if ((others !== boxes || j > i) && overlaps(a.box, b.box)) out.push(`${a.text} × ${b.text}`);
    }),
  );
  return out;
}

describe.each([
  [300, 'zh-CN'],
  [300, 'en-US'],
  [2000, 'zh-CN'],
] as const)('the matrix chart of %i sample clients (%s)', (rows, locale) => {
  let run: Awaited<ReturnType<typeof analyseSample>>;
  beforeAll(async () => {
    run = await analyseSample(rows, locale);
  });

  test('labels the top clients and HIGH-risk clients with no two labels overlapping and none on a corner name', () => {
    const { frame, clients, corners } = drawnLabels(run.chart);
    expect(corners).toHaveLength(4);
    expect(clients.length).toBeGreaterThanOrEqual(10);
    expect(overlapping(clients)).toEqual([]);
    expect(overlapping(clients, corners)).toEqual([]);
    for (const c of clients) {
      expect(c.box.left).toBeGreaterThanOrEqual(0);
      expect(c.box.top).toBeGreaterThanOrEqual(0);
      expect(c.box.right).toBeLessThanOrEqual(frame.width);
      expect(c.box.bottom).toBeLessThanOrEqual(frame.height);
    }
    // Not all on one side: the placement moved labels out of each other's way.
    const positions = new Set(run.chart.series.flatMap((s) => s.points.filter((p) => p.hasDataLabel && s.marker.style !== 'None').map((p) => p.label.position)));
    expect(positions.size).toBeGreaterThan(1);
  });

  test('leaves a client unlabelled only when every position is taken by a more important label, a corner name or the edge, and says how many', () => {
    const { result } = run.out;
    const { frame, clients, corners } = drawnLabels(run.chart);
    const log = run.chart.axes.value.scaleType === 'Logarithmic';
    const name = (i: number) => result.rows[i].clientName ?? result.rows[i].clientId ?? `#${result.rows[i].row}`;
    // Due a label: the top 10 by share and every HIGH-risk client that is on the chart, by importance.
    const due = chartLabelPriority(result).filter((i) => !log || (result.rows[i].share ?? 0) > 0);
    // A client is its point and its name (names repeat in a big portfolio).
    const keyOf = (i: number) => `${result.rows[i].loyalty}|${result.rows[i].share}|${name(i)}`;
    const rank = new Map(due.map((i, k) => [keyOf(i), k]));
    const labelled = new Set(clients.map((c) => c.key));
    const left = due.filter((i) => !labelled.has(keyOf(i)));
    for (const i of left) {
      const r = result.rows[i];
      const k = rank.get(keyOf(i)) as number;
      const at = toPlot(frame, r.loyalty as number, r.share as number);
      for (const position of LABEL_POSITION_ORDER) {
        const box = labelBox(at, textExtent(name(i), CHART_LAYOUT.labelFontSize), position, CHART_LAYOUT.markerSize);
        const m = LABEL_MARGIN;
        const offPlot = box.left < m || box.top < m || box.right > frame.width - m || box.bottom > frame.height - m;
        const blocked =
          corners.some((c) => overlaps(c.box, box, m)) || clients.some((c) => (rank.get(c.key) as number) < k && overlaps(c.box, box, m));
        expect({ client: name(i), position, free: !(offPlot || blocked) }).toEqual({ client: name(i), position, free: false });
      }
    }
    expect(labelled.size).toBe(due.length - left.length);
    const summary = JSON.stringify(run.wb.getValues(run.out.summarySheetName, 'A1:G200'));
    if (left.length > 0) expect(summary).toContain(locale === 'zh-CN' ? `矩阵图中有 ${left.length} 个应标注名称的客户` : `${left.length} clients due a name label on the chart`);
    else expect(summary).not.toMatch(/应标注名称|due a name label/);
  });
});
