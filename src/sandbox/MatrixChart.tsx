/**
 * Draws the chart the adapter created in the in-memory workbook with Apache ECharts — from the
 * chart's snapshot (series, their sources' numbers, marker colours, divider lines, point labels,
 * axis bounds, log scale, titles), so what you see is what the adapter asked Excel to draw.
 * This module is loaded with a dynamic import: ECharts is never part of the task pane's first paint.
 */
import { LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { CHART_LAYOUT } from '../excel';
import type { ChartSnapshot, SeriesSnapshot } from '../inMemoryExcel';
import { axisFormatter } from './axisFormat';

// SVG rather than canvas: the labels stay text, which the end-to-end tests and screen readers can read.
echarts.use([ScatterChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/**
 * Drawn at the adapter's layout (CHART_LAYOUT: the chart's size, the plot area its labels were
 * placed for, their font size), at 96 px per inch: so each label is where the adapter put it and
 * the placement's promise (no two labels overlap) can be checked on the drawing.
 */
const PX = 4 / 3;
const px = (points: number) => Math.round(points * PX * 100) / 100;
const PLOT = CHART_LAYOUT.plot;

const bound = (v: number | null) => (v === null ? undefined : v);
const POSITIONS: Record<string, 'left' | 'right' | 'top' | 'bottom' | 'inside'> = {
  Left: 'left',
  Right: 'right',
  Top: 'top',
  Bottom: 'bottom',
  Center: 'inside',
};

/** One Excel series as an ECharts series: lines for XYScatterLines*, points otherwise. */
function toSeries(s: SeriesSnapshot, yFormat: (v: number) => string) {
  const pairs = s.xValues.map((x, i) => [x, s.yValues[i]] as const);
  const labels = new Map(s.points.filter((p) => p.hasDataLabel && p.labelText).map((p) => [p.index, p]));
  const data = pairs
    .map(([x, y], i) => ({ i, x, y }))
    .filter((p) => p.x !== null && p.y !== null)
    .map(({ i, x, y }) => {
      const label = labels.get(i);
      return label
        ? { value: [x, y], label: { show: true, formatter: label.labelText ?? '', position: POSITIONS[label.label.position] ?? 'right', distance: px(2.5) } }
        : { value: [x, y] };
    });
  const isLine = s.chartType.startsWith('XYScatterLines');
  const noMarker = s.marker.style === 'None' || s.chartType.endsWith('NoMarkers');
  if (isLine) {
    return {
      type: 'line' as const,
      name: s.name,
      data,
      showSymbol: !noMarker,
      symbolSize: s.marker.size,
      lineStyle: { color: s.line.color, type: s.line.style === 'Dash' ? ('dashed' as const) : ('solid' as const), width: Math.max(1, s.line.weight) },
      itemStyle: { color: s.line.color },
      tooltip: { show: false },
      animation: false,
    };
  }
  return {
    type: 'scatter' as const,
    name: s.name,
    data,
    // A series without markers still carries its labels (the quadrant names in the corners); ECharts
    // drops the labels of symbol 'none', so draw an invisible marker instead.
    symbol: 'circle',
    symbolSize: noMarker ? 1 : px(s.marker.size),
    // Transparent rather than opacity 0, which ECharts would pass on to the label.
    itemStyle: noMarker ? { color: 'transparent' } : { color: s.marker.background, borderColor: s.marker.foreground },
    // No hideOverlap and no label layout of ECharts' own: the labels are where the adapter put them.
    label: noMarker
      ? { fontSize: px(CHART_LAYOUT.cornerFontSize), fontWeight: 'bold' as const, color: '#555', padding: 0 }
      : { fontSize: px(CHART_LAYOUT.labelFontSize), color: '#333', padding: 0 },
    z: noMarker ? 5 : 2,
    tooltip: noMarker
      ? { show: false }
      : {
          formatter: (p: { seriesName: string; value: [number, number] }) =>
            `${p.seriesName}<br/>${p.value[0].toFixed(1)} · ${yFormat(p.value[1])}`,
        },
    animation: false,
  };
}

export function chartOption(chart: ChartSnapshot) {
  const x = chart.axes.category;
  const y = chart.axes.value;
  const yFormat = axisFormatter(y.numberFormat);
  const log = y.scaleType === 'Logarithmic';
  // The legend as the adapter asked Excel to show it (ChartLegendEntry.visible per series).
  const legend = chart.series.filter((s) => s.inLegend).map((s) => s.name);
  return {
    title: { text: chart.title.text, show: chart.title.visible, left: 'center', textStyle: { fontSize: 14 } },
    tooltip: { trigger: 'item' as const },
    legend: { show: chart.legend.visible, orient: 'vertical' as const, left: px(PLOT.left + PLOT.width + 16), top: 'middle', data: legend },
    grid: { left: px(PLOT.left), top: px(PLOT.top), width: px(PLOT.width), height: px(PLOT.height) },
    xAxis: {
      type: 'value' as const,
      name: x.title.text,
      nameLocation: 'middle' as const,
      nameGap: 28,
      min: bound(x.minimum),
      max: bound(x.maximum),
      splitLine: { show: x.majorGridlines },
    },
    yAxis: {
      type: log ? ('log' as const) : ('value' as const),
      ...(log ? { logBase: y.logBase } : {}),
      name: y.title.text,
      nameLocation: 'middle' as const,
      nameGap: 56,
      min: bound(y.minimum),
      max: bound(y.maximum),
      axisLabel: { formatter: yFormat },
      splitLine: { show: y.majorGridlines },
    },
    series: chart.series.map((s) => toSeries(s, yFormat)),
  };
}

export default function MatrixChart({ chart, onReady }: { chart: ChartSnapshot; onReady?(instance: echarts.ECharts): void }) {
  const ref = useRef<HTMLDivElement>(null);
  const instance = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chartInstance = echarts.init(el, undefined, { renderer: 'svg' });
    instance.current = chartInstance;
    const ro = new ResizeObserver(() => chartInstance.resize());
    ro.observe(el);
    return () => {
      ro.disconnect();
      chartInstance.dispose();
      instance.current = null;
    };
  }, []);

  useEffect(() => {
    const chartInstance = instance.current;
    if (!chartInstance) return;
    chartInstance.setOption(chartOption(chart), { notMerge: true });
    onReady?.(chartInstance);
  }, [chart, onReady]);

  return <div ref={ref} style={{ width: px(CHART_LAYOUT.width), height: px(CHART_LAYOUT.height), flexShrink: 0 }} role="img" aria-label={chart.title.text} />;
}
