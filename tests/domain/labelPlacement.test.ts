/** The matrix chart's label placement (domain labelPlacement.ts), on hand-made plots. */
import fc from 'fast-check';
import { chartLabelPriority, cornerBox, labelBox, overlaps, placeLabels, textExtent, toPlot, type AnalysisResult, type PlotFrame, type RowResult } from '../../src/domain';

const frame: PlotFrame = { width: 400, height: 300, x: { min: 0, max: 100 }, y: { min: 0, max: 1, log: false } };
const style = { fontSize: 9, markerSize: 5 };
const none = { x: null, y: null };

describe('text extents', () => {
  test('CJK characters count a full em, Latin letters about half of one', () => {
    expect(textExtent('江城赵氏', 10).width).toBeCloseTo(4 * 10 + 3);
    const latin = textExtent('abcd', 10).width;
    expect(latin).toBeGreaterThan(4 * 10 * 0.5);
    expect(latin).toBeLessThan(4 * 10 * 0.7);
    expect(textExtent('江城赵氏纺织有限公司', 9).width).toBeGreaterThan(textExtent('Riverside Ltd', 9).width);
  });

  test('a log axis puts each decade the same distance apart', () => {
    const f: PlotFrame = { ...frame, y: { min: 0.0001, max: 1, log: true } };
    expect(toPlot(f, 0, 0.01).py).toBeCloseTo(150);
    expect(toPlot(f, 0, 0.001).py - toPlot(f, 0, 0.01).py).toBeCloseTo(75);
  });
});

describe('placing labels', () => {
  test('a lone label goes to the right of its point', () => {
    const { placed, unlabelled } = placeLabels({ frame, style, labels: [{ x: 50, y: 0.5, text: 'Alpha Ltd' }], markers: [], obstacles: [], dividers: none });
    expect(placed[0]?.position).toBe('Right');
    expect(unlabelled).toBe(0);
  });

  test('two points side by side: the labels go to either side, clear of each other and of the other point', () => {
    const labels = [
      { x: 50, y: 0.5, text: 'Alpha Ltd' },
      { x: 52, y: 0.5, text: 'Beta Co.' },
    ];
    const { placed } = placeLabels({ frame, style, labels, markers: labels, obstacles: [], dividers: none });
    expect(placed.map((p) => p?.position)).toEqual(['Left', 'Right']);
    expect(overlaps(placed[0]!.box, placed[1]!.box)).toBe(false);
  });

  test('a point at the right edge labels to its left; none leaves the plot', () => {
    const { placed } = placeLabels({ frame, style, labels: [{ x: 99, y: 0.5, text: 'Edge Holdings' }], markers: [], obstacles: [], dividers: none });
    expect(placed[0]?.position).toBe('Left');
  });

  test('a label keeps off a corner name', () => {
    const corner = cornerBox(frame, { x: 99, y: 0.97, text: '忠诚客户', position: 'Left' }, 9);
    const { placed } = placeLabels({ frame, style, labels: [{ x: 80, y: 0.95, text: 'Alpha Ltd' }], markers: [], obstacles: [corner], dividers: none });
    expect(placed[0]).not.toBeNull();
    expect(overlaps(placed[0]!.box, corner)).toBe(false);
  });

  test('a label that would cross a divider line goes to the other side when it can', () => {
    const { placed } = placeLabels({ frame, style, labels: [{ x: 48, y: 0.5, text: 'Alpha Ltd' }], markers: [], obstacles: [], dividers: { x: 50, y: null } });
    expect(placed[0]?.position).toBe('Left');
  });

  test('with no room left, the less important label is the one dropped and counted', () => {
    // Ten clients on one spot: only so many labels fit around it.
    const labels = Array.from({ length: 10 }, (_, i) => ({ x: 50, y: 0.5, text: `Client number ${i}` }));
    const { placed, unlabelled } = placeLabels({ frame, style, labels, markers: labels, obstacles: [], dividers: none });
    expect(unlabelled).toBeGreaterThan(0);
    expect(unlabelled).toBe(placed.filter((p) => p === null).length);
    const firstDropped = placed.findIndex((p) => p === null);
    expect(placed.slice(0, firstDropped).every((p) => p !== null)).toBe(true);
  });

  test('whatever the points, no two placed labels overlap, none covers a corner name, all stay inside the plot', () => {
    const corners = [cornerBox(frame, { x: 100, y: 1, text: '忠诚客户', position: 'Left' }, 9), cornerBox(frame, { x: 0, y: 0, text: '一般客户', position: 'Right' }, 9)];
    fc.assert(
      fc.property(
        fc.array(fc.record({ x: fc.double({ min: 0, max: 100, noNaN: true }), y: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.string({ minLength: 1, maxLength: 14 }) }), { maxLength: 80 }),
        (labels) => {
          const { placed } = placeLabels({ frame, style, labels, markers: labels, obstacles: corners, dividers: { x: 50, y: 0.3 } });
          const boxes = placed.filter((p) => p !== null).map((p) => p!.box);
          boxes.forEach((a, i) => {
            for (const b of boxes.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
            for (const c of corners) expect(overlaps(a, c)).toBe(false);
            expect(a.left >= 0 && a.top >= 0 && a.right <= frame.width && a.bottom <= frame.height).toBe(true);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  test("a label's box is on the side of its point it was given", () => {
    const at = { px: 100, py: 100 };
    const size = { width: 40, height: 12 };
    expect(labelBox(at, size, 'Right', 5).left).toBeGreaterThan(100);
    expect(labelBox(at, size, 'Left', 5).right).toBeLessThan(100);
    expect(labelBox(at, size, 'Top', 5).bottom).toBeLessThan(100);
    expect(labelBox(at, size, 'Bottom', 5).top).toBeGreaterThan(100);
  });
});

describe('which labels matter most', () => {
  const row = (i: number, share: number, risk: RowResult['risk']): RowResult =>
    ({ row: i + 2, clientName: `C${i}`, share, loyalty: 50, risk, quadrant: 'LOYAL' }) as unknown as RowResult;

  test('the top 10 first (those at HIGH risk ahead), then the HIGH-risk clients by share', () => {
    const rows = [
      ...Array.from({ length: 12 }, (_, i) => row(i, 0.1 - i * 0.005, i === 4 ? 'HIGH' : 'LOW')),
      row(12, 0.001, 'HIGH'),
      row(13, 0.02, 'HIGH'),
      row(14, 0.5, 'EXITED'),
    ];
    const order = chartLabelPriority({ rows } as unknown as AnalysisResult);
    expect(order).toEqual([4, 0, 1, 2, 3, 5, 6, 7, 8, 9, 13, 12]);
  });
});
