/**
 * Settings of a run (analysis.md §6 cut modes, §5 weights, §8 as-of date, §14 thresholds), the
 * frozen-cuts switch and last period's source. Values are typed in the units users think in
 * (percent for fractions); settingsModel converts them to the configuration.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  Caption1,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  SpinButton,
  Subtitle2,
  Switch,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AccordionPanel } from './AccordionPanel';
import { inLocale, COMPONENTS, DEFAULT_THRESHOLDS, LOCALES, labels, type Component, type Locale, type Thresholds } from '../../domain';
import type { SavedState } from '../../excel/api';
import { COMPONENT_HINT, LOCALE_NAMES, PERCENT_THRESHOLDS, THRESHOLD_LABELS, type UiKey } from '../i18n';
import { formatLoyalty, formatPercent } from '../format';
import { useLocale } from '../locale';
import {
  LOYALTY_KINDS,
  SHARE_KINDS,
  defaultValue,
  knownCutValue,
  takesValue,
  type Axis,
  type CutKind,
  type DraftProblems,
  type Problem,
  type SettingsDraft,
} from '../settingsModel';
import type { DoneOutcome } from '../usePortfolio';

/** The letter grades of analysis.md §3, best first (for the rating floor). */
const GRADES = ['AAA', 'AA+', 'AA', 'AA-', 'A+', 'A', 'A-', 'BBB+', 'BBB', 'BBB-', 'BB+', 'BB', 'BB-', 'B+', 'B', 'B-', 'CCC+', 'CCC', 'CCC-', 'CC', 'C', 'D'];

const MODE_LABEL: Record<CutKind, UiKey> = {
  pareto: 'modePareto',
  median: 'modeMedian',
  mean: 'modeMean',
  quantile: 'modeQuantile',
  fixed: 'modeFixed',
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // Two fields side by side when the pane is wide enough for both, else one under the other (Excel's
  // default pane is 320 px: the mode and its value then stack rather than squeeze into 130 px each).
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 180px), 1fr))', gap: tokens.spacingHorizontalS, alignItems: 'start' },
  weights: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(130px, 1fr))', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground3 },
  fullWidth: { width: '100%', minWidth: 0 },
});

export interface SettingsPanelProps {
  draft: SettingsDraft;
  problems: DraftProblems;
  saved: SavedState | null;
  outcome: DoneOutcome | null;
  sheets: string[];
  quadrantPrevMapped: boolean;
  disabled: boolean;
  onChange(update: (d: SettingsDraft) => SettingsDraft): void;
}

export default function SettingsPanel(props: SettingsPanelProps) {
  const { draft, problems, disabled, onChange } = props;
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const say = (p: Problem | undefined) => (p ? inLocale(locale, p.zh, p.en) : undefined);
  const lastCuts = props.saved?.lastCuts ?? null;

  return (
    <div className={styles.root}>
      <CutSetting axis="share" {...props} problem={say(problems.shareCut)} />
      <CutSetting axis="loyalty" {...props} problem={say(problems.loyaltyCut)} />

      <Field hint={lastCuts ? ui('reuseLastCutsHint') : ui('noLastCuts')}>
        <Switch
          label={ui('reuseLastCuts')}
          checked={draft.reuseLastCuts}
          disabled={disabled || !lastCuts}
          onChange={(_, d) => onChange((s) => ({ ...s, reuseLastCuts: d.checked }))}
        />
      </Field>

      <div className={styles.group} role="group" aria-labelledby="weights-heading">
        <Subtitle2 as="h3" id="weights-heading">
          {ui('weightsHeading')}
        </Subtitle2>
        <Caption1 className={styles.muted}>{ui('weightsHint')}</Caption1>
        <div className={styles.weights}>
          {COMPONENTS.map((c) => (
            <WeightInput key={c} component={c} value={draft.weights[c]} disabled={disabled} onChange={onChange} />
          ))}
        </div>
      </div>

      <div className={styles.row}>
        <Field label={ui('asOf')} hint={ui('asOfHint')}>
          <Input
            type="date"
            className={styles.fullWidth}
            value={draft.asOf}
            disabled={disabled}
            onChange={(_, d) => onChange((s) => ({ ...s, asOf: d.value }))}
          />
        </Field>
        <Field label={ui('sheetLocale')}>
          <Select
            value={draft.sheetLocale}
            disabled={disabled}
            onChange={(_, d) => onChange((s) => ({ ...s, sheetLocale: d.value as Locale }))}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </Select>
        </Field>
      </div>

      <Field label={ui('previousHeading')} hint={props.quadrantPrevMapped ? undefined : ui('previousColumnUnmapped')}>
        <RadioGroup
          value={draft.previous}
          disabled={disabled}
          onChange={(_, d) => onChange((s) => ({ ...s, previous: d.value as SettingsDraft['previous'] }))}
        >
          <Radio value="none" label={ui('previousNone')} />
          <Radio value="column" label={ui('previousColumn')} disabled={!props.quadrantPrevMapped} />
          <Radio value="sheet" label={ui('previousSheet')} />
        </RadioGroup>
      </Field>
      {draft.previous === 'sheet' && (
        <Field label={ui('previousSheetLabel')} validationMessage={say(problems.previousSheet)} required>
          <Select
            value={draft.previousSheet}
            disabled={disabled}
            onChange={(_, d) => onChange((s) => ({ ...s, previousSheet: d.value }))}
          >
            <option value="" />
            {props.sheets.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
      )}

      <Accordion collapsible>
        <AccordionItem value="advanced">
          <AccordionHeader size="small">{ui('advanced')}</AccordionHeader>
          <AccordionPanel>
            <div className={styles.group}>
              {(Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]).map((k) => (
                <Field key={k} label={THRESHOLD_LABELS[k][locale]} size="small" validationMessage={say(problems[k])}>
                  {k === 'ratingFloor' ? (
                    <Select
                      size="small"
                      value={draft.thresholds.ratingFloor}
                      disabled={disabled}
                      onChange={(_, d) => onChange((s) => ({ ...s, thresholds: { ...s.thresholds, ratingFloor: d.value } }))}
                    >
                      {GRADES.map((g) => (
                        <option key={g} value={g}>
                          {g}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    <Input
                      size="small"
                      inputMode="decimal"
                      value={draft.thresholds[k]}
                      disabled={disabled}
                      contentAfter={PERCENT_THRESHOLDS.has(k) ? '%' : undefined}
                      onChange={(_, d) => onChange((s) => ({ ...s, thresholds: { ...s.thresholds, [k]: d.value } }))}
                    />
                  )}
                </Field>
              ))}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </div>
  );
}

function CutSetting(props: SettingsPanelProps & { axis: Axis; problem: string | undefined }) {
  const { axis, draft, disabled, onChange } = props;
  const styles = useStyles();
  const { locale, ui } = useLocale();
  const key = axis === 'share' ? 'shareCut' : 'loyaltyCut';
  const cut = draft[key];
  const kinds = axis === 'share' ? SHARE_KINDS : LOYALTY_KINDS;
  const show = (x: number) => (axis === 'share' ? formatPercent(x, locale) : formatLoyalty(x, locale));
  const valueLabel =
    cut.kind === 'pareto'
      ? ui('paretoValueLabel')
      : cut.kind === 'quantile'
        ? ui('quantileValueLabel')
        : axis === 'share'
          ? ui('shareFixedLabel')
          : ui('loyaltyFixedLabel');

  // What the cut will be, when it can be known before running; otherwise what it was last time.
  const notes: string[] = [];
  const known = knownCutValue(cut, axis);
  const lastSaved = props.saved?.lastCuts?.[axis];
  if (draft.reuseLastCuts && lastSaved !== null && lastSaved !== undefined) notes.push(`${ui('cutSaved')}: ${show(lastSaved)}`);
  else if (known !== null) notes.push(`${ui('cutBeforeRun')}: ${show(known)}`);
  const lastRun = props.outcome?.result.cuts[axis].value;
  if (lastRun !== null && lastRun !== undefined) notes.push(`${ui('cutLastRun')}: ${show(lastRun)}`);

  const headingId = `${axis}-cut-heading`;
  return (
    <div className={styles.group} role="group" aria-labelledby={headingId}>
      <Subtitle2 as="h3" id={headingId}>
        {axis === 'share' ? ui('shareAxis') : ui('loyaltyAxis')}
      </Subtitle2>
      <div className={styles.row}>
        <Field label={ui('cutMode')}>
          <Select
            value={cut.kind}
            disabled={disabled || draft.reuseLastCuts}
            onChange={(_, d) => {
              const kind = d.value as CutKind;
              onChange((s) => ({ ...s, [key]: { kind, value: kind === s[key].kind ? s[key].value : defaultValue(kind, axis) } }));
            }}
          >
            {kinds.map((k) => (
              <option key={k} value={k}>
                {ui(MODE_LABEL[k])}
              </option>
            ))}
          </Select>
        </Field>
        {takesValue(cut.kind) && (
          <Field label={valueLabel} validationMessage={props.problem}>
            <Input
              className={styles.fullWidth}
              inputMode="decimal"
              value={cut.value}
              disabled={disabled || draft.reuseLastCuts}
              contentAfter={cut.kind !== 'fixed' || axis === 'share' ? '%' : undefined}
              onChange={(_, d) => onChange((s) => ({ ...s, [key]: { ...s[key], value: d.value } }))}
            />
          </Field>
        )}
      </div>
      {notes.length > 0 && (
        <Caption1 className={styles.muted} role="note">
          {notes.join(' · ')}
        </Caption1>
      )}
    </div>
  );
}

function WeightInput({
  component,
  value,
  disabled,
  onChange,
}: {
  component: Component;
  value: number;
  disabled: boolean;
  onChange: SettingsPanelProps['onChange'];
}) {
  const { locale } = useLocale();
  const hint = COMPONENT_HINT[component]?.[locale];
  return (
    <Field label={labels.COMPONENT_LABELS[component][locale]} hint={hint} size="small">
      <SpinButton
        size="small"
        min={0}
        max={5}
        step={0.5}
        value={value}
        disabled={disabled}
        onChange={(_, d) => {
          // Typed text arrives as displayValue (value is then undefined); arrows give value.
          const raw = d.value ?? (d.displayValue !== undefined ? Number(d.displayValue) : NaN);
          if (raw === null || !Number.isFinite(raw)) return;
          const clamped = Math.min(5, Math.max(0, raw));
          onChange((s) => ({ ...s, weights: { ...s.weights, [component]: clamped } }));
        }}
      />
    </Field>
  );
}
