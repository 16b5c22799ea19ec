/**
 * The command line's .xlsx chart places its client-name labels like the add-in's: on the
 * sandbox's sample portfolio and on 2,000 clients no two label boxes overlap and none covers a
 * quadrant name, every label's c:dLblPos is the position chosen, the plot area is fixed where the
 * labels were placed for (c:manualLayout), and the summary sheet counts the clients left unlabelled.
 */
import { XMLParser } from 'fast-xml-parser';
import { DEFAULT_CONFIG, analyze, chartLabelPriority, cornerBox, labelBox, overlaps, textExtent, toPlot, type Box, type PlotFrame } from '../../src/domain';
import { generateSample } from '../../src/sandbox/sample';
import { CHART_LAYOUT, buildChartModel } from '../../src/xlsx/chartModel';
import { chartXml } from '../../src/xlsx/chartXml';
import { summarySheet } from '../../src/xlsx/summarySheet';

function modelOf(rows: number) {
  const sample = generateSample({ locale: 'zh-CN', rows });
  const result = analyze([sample.header, ...sample.rows], { ...DEFAULT_CONFIG, asOf: '2026-10-31' }, { today: '2026-11-23' });
  return { result, model: buildChartModel(result, 'zh-CN') };
}

describe.each([300, 2000])('the .xlsx matrix chart of %i sample clients', (rows) => {
  const { result, model } = modelOf(rows);
  const frame: PlotFrame = { width: CHART_LAYOUT.plot.width, height: CHART_LAYOUT.plot.height, x: model.x, y: model.y };
  const labelled = model.series.flatMap((s) => s.points.filter((p) => p.label !== null));
  const boxes = labelled.map((p) => ({
    text: p.label as string,
    box: labelBox(toPlot(frame, p.x, p.y), textExtent(p.label as string, CHART_LAYOUT.labelFontSize), p.labelPosition ?? 'Right', CHART_LAYOUT.markerSize),
  }));
  const corners: Box[] = model.corners.map((c) => cornerBox(frame, { x: c.x, y: c.y, text: c.name, position: c.position === 'l' ? 'Left' : 'Right' }, CHART_LAYOUT.cornerFontSize));

  test('no two labels overlap, none covers a corner name, all inside the plot', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(10);
    const clashes: string[] = [];
    boxes.forEach((a, i) => {
      boxes.slice(i + 1).forEach((b) => overlaps(a.box, b.box) && clashes.push(`${a.text} × ${b.text}`));
      corners.forEach((c) => overlaps(a.box, c) && clashes.push(`${a.text} × corner`));
    });
    expect(clashes).toEqual([]);
    for (const { box } of boxes) expect([box.left >= 0, box.top >= 0, box.right <= frame.width, box.bottom <= frame.height]).toEqual([true, true, true, true]);
  });

  test('the count left unlabelled is what was due and not drawn, and the summary sheet says it', () => {
    const due = chartLabelPriority(result).filter((i) => result.rows[i].quadrant !== 'INSUFFICIENT_DATA');
    expect(model.unlabelled).toBe(due.length - labelled.length);
    const { cells } = summarySheet({ result, locale: 'zh-CN', chart: model, source: 'S!A1', runTime: new Date(2026, 10, 23), extras: [] });
    const text = JSON.stringify(cells.rows);
    if (model.unlabelled > 0) expect(text).toContain(`${model.unlabelled} 个应标注名称的客户`);
    else expect(text).not.toContain('应标注名称');
  });

  test("each label's c:dLblPos is its placed position, and the plot area sits where the labels were placed for", () => {
    const ref = { name: "'S'!$A$1", x: "'S'!$B$1:$B$2", y: "'S'!$C$1:$C$2" };
    const xml = chartXml(model, { series: model.series.map(() => ref), dividers: model.dividers.map(() => ref), corners: model.corners.map(() => ref) }, 'zh-CN');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['c:ser', 'c:dLbl'].includes(name) }).parse(xml);
    const plot = doc['c:chartSpace']['c:chart']['c:plotArea'];
    const layout = plot['c:layout']['c:manualLayout'];
    expect(layout['c:layoutTarget'].val).toBe('inner');
    expect(Number(layout['c:w'].val) * CHART_LAYOUT.width).toBeCloseTo(CHART_LAYOUT.plot.width, 0);
    const code = { Left: 'l', Right: 'r', Top: 't', Bottom: 'b', Center: 'ctr' } as const;
    const drawn = plot['c:scatterChart']['c:ser'].slice(0, model.series.length).flatMap((ser: Record<string, never>, k: number) =>
      ((ser['c:dLbls'] as Record<string, unknown[]> | undefined)?.['c:dLbl'] ?? []).map((d) => {
        const dl = d as Record<string, { val: string }>;
        return `${k}:${dl['c:idx'].val}:${dl['c:dLblPos'].val}`;
      }),
    );
    const expected = model.series.flatMap((s, k) => s.points.flatMap((p, i) => (p.label === null ? [] : [`${k}:${i}:${code[p.labelPosition ?? 'Right']}`])));
    expect(drawn).toEqual(expected);
    expect(new Set(drawn.map((d: string) => d.split(':')[2])).size).toBeGreaterThan(1);
  });
});
