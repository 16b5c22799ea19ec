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
import type { ChartSnapshot, SeriesSnapshot } from '../inMemoryExcel';
import { axisFormatter } from './axisFormat';

// SVG rather than canvas: the labels stay text, which the end-to-end tests and screen readers can read.
echarts.use([ScatterChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, SVGRenderer]);

/** Excel's number format of an axis, as an ECharts label formatter. */
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
        ? { value: [x, y], label: { show: true, formatter: label.labelText ?? '', position: POSITIONS[label.label.position] ?? 'right' } }
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
    symbolSize: noMarker ? 1 : Math.max(4, s.marker.size * 1.4),
    // Transparent rather than opacity 0, which ECharts would pass on to the label.
    itemStyle: noMarker ? { color: 'transparent' } : { color: s.marker.background, borderColor: s.marker.foreground },
    label: noMarker ? { fontSize: 13, fontWeight: 'bold' as const, color: '#555' } : { fontSize: 11, color: '#333' },
    // Client names may hide each other; the quadrant names in the corners always show.
    labelLayout: noMarker ? undefined : { hideOverlap: true },
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
    legend: { show: chart.legend.visible, orient: 'vertical' as const, right: 8, top: 'middle', data: legend },
    grid: { left: 72, right: 190, top: 48, bottom: 56 },
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

  return <div ref={ref} style={{ width: '100%', height: Math.max(320, Math.round((chart.height * 4) / 3)) }} role="img" aria-label={chart.title.text} />;
}
