import { chartLabelRows, labels } from '../../src/domain';
import { CHART_NAME } from '../../src/excel';
import type { RunOutcome } from '../../src/excel/api';
import type { ChartSnapshot } from '../../src/inMemoryExcel';
import { CONFIG, fixtureRows, options, seeded, type Row } from './helpers';

type Done = Extract<RunOutcome, { kind: 'done' }>;
const done = (o: RunOutcome): Done => {
  if (o.kind !== 'done') throw new Error(JSON.stringify(o));
  return o;
};

async function chartOf(rows?: Row[], locale: 'zh-CN' | 'en-US' = 'zh-CN') {
  const s = seeded(rows ? { rows } : {});
  const out = done(await s.actions.run(options({ config: { ...CONFIG, locale } })));
  const chart = s.wb.snapshot().charts.find((c) => c.name === CHART_NAME) as ChartSnapshot;
  expect(chart).toBeDefined();
  return { ...s, out, chart };
}

describe('the matrix chart', () => {
  test('is a named XY scatter beside the output, top-aligned with the table', async () => {
    const { chart, wb } = await chartOf();
    expect(chart.chartType).toBe('XYScatter');
    expect(chart.sheet).toBe('客户');
    // The fixture has exited clients and zero shares on a logarithmic axis: the title says so.
    expect(chart.title.text).toBe('客户矩阵（2026-10-31） · 图中不含已流失客户 2 户、份额为 0 的客户 1 户');
    // Top-left at row 1, one column right of the output (S:AB) → AD1.
    const snap = wb.snapshot();
    expect(snap.charts).toHaveLength(1);
    expect(chart.top).toBe(0);
    expect(chart.left).toBeGreaterThan(0);
  });

  test('has one series per quadrant in its colour with the count in the name, exited clients left out', async () => {
    const { chart, out } = await chartOf();
    const quadrantSeries = chart.series.filter((s) => s.chartType === 'XYScatter' && s.marker.style !== 'None');
    // On a logarithmic axis a zero share cannot be drawn either.
    const log = chart.axes.value.scaleType === 'Logarithmic';
    const onChart = out.result.rows.filter(
      (r) => r.risk !== 'EXITED' && r.share !== null && r.loyalty !== null && (!log || r.share > 0),
    );
    for (const s of quadrantSeries) {
      const q = (Object.keys(labels.QUADRANT_LABELS) as (keyof typeof labels.QUADRANT_LABELS)[]).find((k) =>
        s.name.startsWith(labels.QUADRANT_LABELS[k]['zh-CN'] + ' ('),
      );
      expect(q).toBeDefined();
      const members = onChart.filter((r) => r.quadrant === q);
      expect(s.name).toBe(`${labels.QUADRANT_LABELS[q as keyof typeof labels.QUADRANT_LABELS]['zh-CN']} (${members.length})`);
      expect(s.marker.background).toBe(labels.QUADRANT_COLORS[q as keyof typeof labels.QUADRANT_COLORS]);
      // X is loyalty, Y is share.
      expect(s.xValues).toEqual(members.map((r) => r.loyalty));
      expect(s.yValues).toEqual(members.map((r) => r.share));
    }
    const plotted = quadrantSeries.reduce((n, s) => n + s.xValues.length, 0);
    expect(plotted).toBe(onChart.length);
    expect(out.result.rows.some((r) => r.risk === 'EXITED')).toBe(true);
  });

  test("the legend's counts plus the clients the title says are not on the chart are the task pane's quadrant counts", async () => {
    const { chart, out } = await chartOf(undefined, 'en-US');
    // What the results panel shows per quadrant (QuadrantMatrix: summary.quadrants[q].count).
    const pane = out.result.summary.quadrants;
    const legend = chart.series.filter((s) => s.inLegend).map((s) => /^(.*) \((\d+)\)$/.exec(s.name) as RegExpExecArray);
    const legendTotal = legend.reduce((n, m) => n + Number(m[2]), 0);
    const paneTotal = (['LOYAL', 'PROBLEM_1', 'PROBLEM_2', 'GENERAL'] as const).reduce((n, q) => n + (pane[q]?.count ?? 0), 0);
    const said = /not on the chart: (\d+) exited(?:, (\d+) with a zero share)?$/.exec(chart.title.text) as RegExpExecArray;
    expect(said).not.toBeNull();
    const exited = out.result.rows.filter((r) => r.risk === 'EXITED' && r.quadrant !== 'INSUFFICIENT_DATA').length;
    expect(Number(said[1])).toBe(exited);
    expect(legendTotal + Number(said[1]) + Number(said[2] ?? 0)).toBe(paneTotal);
    expect(legendTotal).toBeLessThan(paneTotal);
  });

  test('draws two divider lines at the cut values across fixed axis bounds', async () => {
    const { chart, out } = await chartOf();
    const lines = chart.series.filter((s) => s.chartType === 'XYScatterLinesNoMarkers');
    expect(lines).toHaveLength(2);
    const [v, h] = lines;
    const cutL = out.result.cuts.loyalty.value as number;
    const cutS = out.result.cuts.share.value as number;
    const { category: x, value: y } = chart.axes;
    expect(v.xValues).toEqual([cutL, cutL]);
    expect(v.yValues).toEqual([y.minimum, y.maximum]);
    expect(h.xValues).toEqual([x.minimum, x.maximum]);
    expect(h.yValues).toEqual([cutS, cutS]);
    expect(x.minimum).not.toBeNull();
    expect(y.maximum).toBeGreaterThanOrEqual(Math.max(...out.result.rows.map((r) => r.share ?? 0)));
    expect(x.title.text).toBe('忠诚度得分 (X)');
    expect(y.title.text).toBe('业务份额 (Y)');
  });

  test('shows only the quadrant series in the legend: the dividers and the corner names are left out', async () => {
    const { chart } = await chartOf();
    const shown = chart.series.filter((s) => s.inLegend).map((s) => s.name);
    const quadrantSeries = chart.series.filter((s) => s.chartType === 'XYScatter' && s.marker.style !== 'None').map((s) => s.name);
    expect(shown).toEqual(quadrantSeries);
    expect(shown.length).toBeGreaterThan(0);
    expect(chart.series.filter((s) => !s.inLegend).map((s) => s.chartType).sort()).toEqual(['XYScatter', 'XYScatterLinesNoMarkers', 'XYScatterLinesNoMarkers']);
  });

  // Whether a hidden legend entry keeps its index is not documented (src/inMemoryExcel/chart.ts): the
  // legend must come out the same on an Excel of either kind, on the first run and on a re-run that
  // updates the chart whose helper entries the last run hid.
  describe.each(['keep', 'leave'] as const)('on an Excel where a hidden legend entry %ss the collection of entries', (behaviour) => {
    const legendOf = (chart: ChartSnapshot) => ({
      shown: chart.series.filter((s) => s.inLegend).map((s) => s.name),
      quadrants: chart.series.filter((s) => s.chartType === 'XYScatter' && s.marker.style !== 'None').map((s) => s.name),
    });
    const ours = (s: ReturnType<typeof seeded>) => s.wb.snapshot().charts.find((c) => c.name === CHART_NAME) as ChartSnapshot;

    test('the first run shows the quadrants only', async () => {
      const s = seeded();
      s.wb.setHiddenLegendEntries(behaviour);
      done(await s.actions.run(options()));
      const { shown, quadrants } = legendOf(ours(s));
      expect(quadrants.length).toBeGreaterThan(1);
      expect(shown).toEqual(quadrants);
    });

    test('a re-run of the chart (helper entries already hidden) shows the quadrants only, in the new language', async () => {
      const s = seeded();
      s.wb.setHiddenLegendEntries(behaviour);
      done(await s.actions.run(options()));
      done(await s.actions.run(options({ config: { ...CONFIG, locale: 'en-US' } })));
      const { shown, quadrants } = legendOf(ours(s));
      expect(quadrants.length).toBeGreaterThan(1);
      expect(shown).toEqual(quadrants);
      expect(shown.every((n) => !n.startsWith('Loyalty cut') && !n.startsWith('Share cut') && n !== 'Quadrant names')).toBe(true);
      expect(s.wb.snapshot().charts).toHaveLength(1);
    });

    test('a re-run with fewer quadrants than the last run shows the quadrants only', async () => {
      const s = seeded();
      s.wb.setHiddenLegendEntries(behaviour);
      done(await s.actions.run(options()));
      const before = legendOf(ours(s)).quadrants.length;
      // Fixed cuts above every client (shares are at most 1, loyalty at most 100): one quadrant.
      done(await s.actions.run(options({ config: { ...CONFIG, shareCut: 'fixed:2', loyaltyCut: 'fixed:1000' } })));
      const { shown, quadrants } = legendOf(ours(s));
      expect(quadrants.length).toBeLessThan(before);
      expect(shown).toEqual(quadrants);
    });
  });

  test('names the quadrants in the corners and labels the chosen clients by name', async () => {
    const { chart, out } = await chartOf();
    const corners = chart.series.find((s) => s.name === '象限名称');
    expect(corners?.points.map((p) => p.labelText)).toEqual(['忠诚客户', '问题客户2', '问题客户1', '一般客户']);
    const labelled = chart.series.flatMap((s) => s.points.filter((p) => p.hasDataLabel && s !== corners).map((p) => p.labelText));
    // The domain picks the rows; a zero share cannot sit on the logarithmic axis this fixture gets.
    const expected = chartLabelRows(out.result)
      .map((i) => out.result.rows[i])
      .filter((r) => chart.axes.value.scaleType === 'Linear' || (r.share ?? 0) > 0)
      .map((r) => r.clientName);
    expect(labelled.sort()).toEqual([...expected].sort());
    expect(labelled.length).toBeGreaterThan(0);
  });

  test('uses a logarithmic share axis when the largest share is over 100 × the smallest positive one', async () => {
    const rows = fixtureRows();
    const { chart, out } = await chartOf(rows);
    const shares = out.result.rows.filter((r) => r.risk !== 'EXITED' && r.share !== null && r.share > 0).map((r) => r.share as number);
    expect(Math.max(...shares)).toBeGreaterThan(100 * Math.min(...shares));
    expect(chart.axes.value.scaleType).toBe('Logarithmic');
    expect(chart.axes.value.minimum).toBeGreaterThan(0);
    expect(chart.axes.value.minimum).toBeLessThanOrEqual(Math.min(...shares));
  });

  test('keeps a linear share axis when shares are of one order of magnitude', async () => {
    const rows = fixtureRows().map((r, i) => (i === 0 ? r : r.map((c, j) => (j === 3 ? 50 + i : c))));
    const { chart } = await chartOf(rows);
    expect(chart.axes.value.scaleType).toBe('Linear');
    expect(chart.axes.value.minimum).toBe(0);
  });

  test('is updated by a re-run, not duplicated, and keeps its name', async () => {
    const s = seeded();
    await s.actions.run(options());
    await s.actions.run(options({ config: { ...CONFIG, locale: 'en-US' } }));
    const charts = s.wb.snapshot().charts;
    expect(charts).toHaveLength(1);
    expect(charts[0].name).toBe(CHART_NAME);
    expect(charts[0].title.text).toBe('Portfolio matrix (2026-10-31) · not on the chart: 2 exited, 1 with a zero share');
    expect(charts[0].series.some((x) => x.name.startsWith('Loyal ('))).toBe(true);
    expect(charts[0].series.some((x) => x.name.startsWith('忠诚客户'))).toBe(false);
  });
});
