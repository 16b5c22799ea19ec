import { InMemoryWorkbook } from '../../src/inMemoryExcel';
import { rejection } from './helpers';

function data(): InMemoryWorkbook {
  const wb = new InMemoryWorkbook(['Clients', 'Matrix summary']);
  wb.setValues('Clients', 'A1', [
    ['Name', 'Loyalty', 'Share'],
    ['Ann', 60, 0.5],
    ['Bob', 40, 0.3],
    ['Cy', 80, 0.2],
  ]);
  wb.setValues('Matrix summary', 'A1', [
    [50, 0],
    [50, 1],
  ]);
  return wb;
}

describe('charts', () => {
  test('an XY scatter built from two columns has one series with X from the first column', async () => {
    const wb = data();
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Clients');
      const chart = sheet.charts.add('XYScatter', sheet.getRange('B1:C4'), 'Columns');
      chart.name = 'PortfolioMatrix';
      await ctx.sync();
    });
    const [chart] = wb.snapshot().charts;
    expect(chart).toMatchObject({ name: 'PortfolioMatrix', sheet: 'Clients', chartType: 'XYScatter' });
    expect(chart.series).toHaveLength(1);
    expect(chart.series[0]).toMatchObject({ name: 'Share', xSource: 'Clients!B2:B4', ySource: 'Clients!C2:C4', xValues: [60, 40, 80], yValues: [0.5, 0.3, 0.2] });
  });

  test('series, axes, markers, lines and point labels are configured and kept in the snapshot', async () => {
    const wb = data();
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Clients');
      const chart = sheet.charts.add('XYScatter', sheet.getRange('B2:C4'), 'Columns');
      chart.name = 'PortfolioMatrix';
      chart.title.text = '客户矩阵';
      chart.legend.position = 'Bottom';
      chart.setPosition('E1', 'L15');
      const x = chart.axes.categoryAxis;
      x.minimum = 0;
      x.maximum = 100;
      x.title.text = 'Loyalty';
      const y = chart.axes.getItem('Value', 'Primary');
      y.scaleType = 'Logarithmic';
      y.logBase = 10;
      y.numberFormat = '0%';
      const s0 = chart.series.getItemAt(0);
      s0.name = 'Loyal (3)';
      s0.markerStyle = 'Circle';
      s0.markerSize = 7;
      s0.markerBackgroundColor = '#2E7D32';
      s0.markerForegroundColor = '#2E7D32';
      s0.hasDataLabels = false;
      const label = s0.points.getItemAt(1).dataLabel;
      label.formula = "='Clients'!$A$3";
      label.position = 'Right';
      s0.points.getItemAt(2).dataLabel.text = 'Cy!';
      const divider = chart.series.add('cut');
      divider.setXAxisValues(ctx.workbook.worksheets.getItem('Matrix summary').getRange('A1:A2'));
      divider.setValues(ctx.workbook.worksheets.getItem('Matrix summary').getRange('B1:B2'));
      divider.chartType = 'XYScatterLinesNoMarkers';
      divider.format.line.color = '#808080';
      divider.format.line.lineStyle = 'Dash';
      divider.format.line.weight = 1;
      await ctx.sync();
      chart.series.load('count');
      chart.load('top,left,width,height');
      await ctx.sync();
      expect(chart.series.count).toBe(2);
      expect([chart.left, chart.top, chart.width, chart.height]).toEqual([4 * 48, 0, 8 * 48, 15 * 15]);
    });
    const [c] = wb.snapshot().charts;
    expect(c.title).toEqual({ text: '客户矩阵', visible: true });
    expect(c.legend.position).toBe('Bottom');
    expect(c.axes.category).toMatchObject({ minimum: 0, maximum: 100, title: { text: 'Loyalty', visible: true } });
    expect(c.axes.value).toMatchObject({ scaleType: 'Logarithmic', logBase: 10, numberFormat: '0%' });
    expect(c.series[0]).toMatchObject({ name: 'Loyal (3)', marker: { style: 'Circle', size: 7, background: '#2E7D32', foreground: '#2E7D32' } });
    expect(c.series[0].points.map((p) => [p.index, p.labelText, p.label.position])).toEqual([
      [1, 'Bob', 'Right'],
      [2, 'Cy!', 'Right'],
    ]);
    expect(c.series[1]).toMatchObject({ name: 'cut', chartType: 'XYScatterLinesNoMarkers', xValues: [50, 50], yValues: [0, 1], line: { color: '#808080', style: 'Dash', weight: 1 } });
  });

  test('legend entries (one per series) can be hidden, and an index past the series fails with InvalidArgument', async () => {
    const wb = data();
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Clients');
      const chart = sheet.charts.add('XYScatter', sheet.getRange('B2:C4'), 'Columns');
      chart.series.add('helper');
      chart.legend.legendEntries.getItemAt(1).visible = false;
      const count = chart.legend.legendEntries.getCount();
      await ctx.sync();
      expect(count.value).toBe(2);
    });
    expect(wb.snapshot().charts[0].series.map((s) => s.inLegend)).toEqual([true, false]);
    const err = await rejection(
      wb.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Clients').charts.getItemAt(0).legend.legendEntries.getItemAt(2).visible = false;
        await ctx.sync();
      }),
    );
    expect(err).toMatchObject({ code: 'InvalidArgument' });
    expect(wb.snapshot().charts[0].series.map((s) => s.inLegend)).toEqual([true, false]);
  });

  test("setHiddenLegendEntries('leave'): a hidden entry leaves the collection and the next series' entry takes its index", async () => {
    /** Three series, then entry 1 hidden twice; returns the shown entries' count. */
    const hideEntryOneTwice = (wb: ReturnType<typeof data>) =>
      wb.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem('Clients');
        const chart = sheet.charts.add('XYScatter', sheet.getRange('B2:C4'), 'Columns');
        chart.series.add('second');
        chart.series.add('third');
        chart.legend.legendEntries.getItemAt(1).visible = false;
        chart.legend.legendEntries.getItemAt(1).visible = false;
        const count = chart.legend.legendEntries.getCount();
        await ctx.sync();
        return count.value;
      });
    const wb = data().setHiddenLegendEntries('leave');
    // After the first, entry 1 is the third series'.
    expect(await hideEntryOneTwice(wb)).toBe(1);
    expect(wb.snapshot().charts[0].series.map((s) => s.inLegend)).toEqual([true, false, false]);
    // The same requests on the default ('keep') hide the second series twice.
    const keep = data();
    expect(await hideEntryOneTwice(keep)).toBe(3);
    expect(keep.snapshot().charts[0].series.map((s) => s.inLegend)).toEqual([true, false, true]);
  });

  test('a label formula follows the cell it references', async () => {
    const wb = data();
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Clients');
      const chart = sheet.charts.add('XYScatter', sheet.getRange('B2:C4'), 'Columns');
      chart.series.getItemAt(0).points.getItemAt(0).dataLabel.formula = '=Clients!$A$2';
    });
    wb.setValues('Clients', 'A2', [['Annabel']]);
    expect(wb.snapshot().charts[0].series[0].points[0].labelText).toBe('Annabel');
  });

  test('point indexes past the end of the series and bad marker sizes fail with InvalidArgument', async () => {
    const wb = data();
    const make = (f: (s: Excel.ChartSeries) => void) =>
      rejection(
        wb.run(async (ctx) => {
          const sheet = ctx.workbook.worksheets.getItem('Clients');
          f(sheet.charts.add('XYScatter', sheet.getRange('B2:C4'), 'Columns').series.getItemAt(0));
          await ctx.sync();
        }),
      );
    expect((await make((s) => s.points.getItemAt(3).load('value'))).code).toBe('InvalidArgument');
    expect((await make((s) => (s.markerSize = 100))).code).toBe('InvalidArgument');
    expect(wb.snapshot().charts).toEqual([]);
  });

  test("a scatter point's label takes Left, Right, Top, Bottom or Center; the column-chart positions fail with InvalidArgument", async () => {
    const wb = data();
    const setPosition = (position: string) =>
      rejection(
        wb.run(async (ctx) => {
          const sheet = ctx.workbook.worksheets.getItem('Clients');
          const label = sheet.charts.add('XYScatter', sheet.getRange('B2:C4'), 'Columns').series.getItemAt(0).points.getItemAt(0).dataLabel;
          label.text = 'Ann';
          label.position = position as Excel.ChartDataLabelPosition;
          await ctx.sync();
        }),
      );
    for (const bad of ['OutsideEnd', 'InsideEnd', 'InsideBase', 'BestFit', 'Callout']) expect((await setPosition(bad)).code).toBe('InvalidArgument');
    expect(wb.snapshot().charts).toEqual([]);
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Clients');
      const points = sheet.charts.add('XYScatter', sheet.getRange('B2:C4'), 'Columns').series.getItemAt(0).points;
      (['Left', 'Top', 'Bottom'] as const).forEach((position, i) => {
        points.getItemAt(i).dataLabel.text = position;
        points.getItemAt(i).dataLabel.position = position;
      });
      await ctx.sync();
    });
    expect(wb.snapshot().charts[0].series[0].points.map((p) => [p.labelText, p.label.position])).toEqual([
      ['Left', 'Left'],
      ['Top', 'Top'],
      ['Bottom', 'Bottom'],
    ]);
  });

  test('a chart is found again by name and deleted', async () => {
    const wb = data();
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Clients');
      sheet.charts.add('XYScatter', sheet.getRange('B2:C4'), 'Columns').name = 'PortfolioMatrix';
      await ctx.sync();
      const again = sheet.charts.getItemOrNullObject('PortfolioMatrix');
      const missing = sheet.charts.getItemOrNullObject('Other');
      sheet.charts.load('items/name');
      await ctx.sync();
      expect(again.isNullObject).toBe(false);
      expect(missing.isNullObject).toBe(true);
      expect(sheet.charts.items.map((c) => c.name)).toEqual(['PortfolioMatrix']);
      again.delete();
    });
    expect(wb.snapshot().charts).toEqual([]);
  });

  test('charts survive a reopen from the snapshot', async () => {
    const wb = data();
    await wb.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Clients');
      const c = sheet.charts.add('XYScatter', sheet.getRange('B2:C4'), 'Columns');
      c.series.getItemAt(0).points.getItemAt(0).dataLabel.text = 'A';
    });
    const snap = wb.snapshot();
    expect(InMemoryWorkbook.fromSnapshot(snap).snapshot()).toEqual(snap);
  });
});
