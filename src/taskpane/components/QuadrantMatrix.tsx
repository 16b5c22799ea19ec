/**
 * Counts and volume per quadrant laid out as the customer matrix: share on the vertical axis
 * (large at the top), loyalty on the horizontal axis (high to the right) — so Problem 2 (large,
 * disloyal) is top-left, Loyal top-right, General bottom-left, Problem 1 bottom-right.
 */
import { Caption1, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { isChinese, labels, type AnalysisResult, type Quadrant } from '../../domain';
import { MESSAGES, fmt } from '../i18n';
import { formatNumber, formatPercent } from '../format';
import { useLocale } from '../locale';

const LAYOUT: readonly Quadrant[] = ['PROBLEM_2', 'LOYAL', 'GENERAL', 'PROBLEM_1'];

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    gridTemplateRows: '1fr auto',
    gap: tokens.spacingHorizontalXS,
  },
  yAxis: {
    writingMode: 'vertical-rl',
    textAlign: 'center',
    color: tokens.colorNeutralForeground3,
  },
  // Latin text runs bottom to top beside a chart's vertical axis; Chinese stands upright, top to bottom.
  yAxisLatin: { transform: 'rotate(180deg)' },
  yAxisCjk: { textOrientation: 'upright' },
  xAxis: { gridColumn: '2', textAlign: 'center', color: tokens.colorNeutralForeground3 },
  grid: {
    display: 'grid',
    gridTemplateColumns: '1fr 1fr',
    gap: tokens.spacingHorizontalXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  cell: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeftWidth: '6px',
    borderLeftStyle: 'solid',
    minWidth: 0,
  },
  name: { fontWeight: tokens.fontWeightSemibold },
  count: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

// One class per quadrant, built from the domain's colours once, so the pane and the chart agree.
const useQuadrantStyles = makeStyles(
  Object.fromEntries(
    Object.entries(labels.QUADRANT_COLORS).map(([q, color]) => [q, { borderLeftColor: color }]),
  ) as Record<Quadrant, { borderLeftColor: string }>,
);

export function QuadrantMatrix({ result }: { result: AnalysisResult }) {
  const styles = useStyles();
  const quadrantStyles = useQuadrantStyles();
  const { locale, ui } = useLocale();
  const total = result.summary.totalVolume;
  const insufficient = result.summary.quadrants.INSUFFICIENT_DATA?.count ?? 0;
  return (
    <div>
      <div className={styles.root}>
        <Caption1 className={mergeClasses(styles.yAxis, isChinese(locale) ? styles.yAxisCjk : styles.yAxisLatin)} aria-hidden>
          {ui('axisShare')}
        </Caption1>
        <ul className={styles.grid} aria-label={ui('matrixLabel')}>
          {LAYOUT.map((q) => {
            const totals = result.summary.quadrants[q] ?? { count: 0, volume: 0 };
            return (
              <li key={q} className={mergeClasses(styles.cell, quadrantStyles[q])} data-quadrant={q}>
                <Text className={styles.name}>{labels.QUADRANT_LABELS[q][locale]}</Text>
                <Text className={styles.count}>{fmt(MESSAGES.clientsCount, locale, { n: totals.count })}</Text>
                <Caption1 className={styles.muted}>
                  {fmt(MESSAGES.volumeOf, locale, {
                    volume: formatNumber(totals.volume, locale),
                    share: formatPercent(total > 0 ? totals.volume / total : 0, locale, 1),
                  })}
                </Caption1>
              </li>
            );
          })}
        </ul>
        <Caption1 className={styles.xAxis} aria-hidden>
          {ui('axisLoyalty')}
        </Caption1>
      </div>
      {insufficient > 0 && (
        <Caption1 className={styles.muted}>
          {labels.QUADRANT_LABELS.INSUFFICIENT_DATA[locale]}: {fmt(MESSAGES.clientsCount, locale, { n: insufficient })}
        </Caption1>
      )}
    </div>
  );
}
