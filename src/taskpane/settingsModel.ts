/**
 * The settings form's model: what the user typed (text, in the units the pane shows) and its
 * translation to and from the configuration of analysis.md §14. Kept free of React so the
 * conversions are easy to follow and test.
 */
import {
  COMPONENTS,
  DEFAULT_THRESHOLDS,
  FIELDS,
  MULTI_COLUMN_FIELDS,
  parseCutMode,
  type AnalysisConfig,
  type Component,
  type Field,
  type Locale,
  type Thresholds,
} from '../domain';
import { PERCENT_THRESHOLDS } from './i18n';

export type CutKind = 'pareto' | 'median' | 'mean' | 'quantile' | 'fixed';
export const SHARE_KINDS: readonly CutKind[] = ['pareto', 'median', 'mean', 'quantile', 'fixed'];
export const LOYALTY_KINDS: readonly CutKind[] = ['median', 'mean', 'quantile', 'fixed'];
export type Axis = 'share' | 'loyalty';

/** A cut as typed: pareto p, quantile q and a fixed share are shown in percent; a fixed loyalty on its own scale. */
export interface CutDraft {
  kind: CutKind;
  value: string;
}

export type PreviousKind = 'none' | 'column' | 'sheet';

export interface SettingsDraft {
  shareCut: CutDraft;
  loyaltyCut: CutDraft;
  weights: Record<Component, number>;
  asOf: string;
  thresholds: Record<keyof Thresholds, string>;
  reuseLastCuts: boolean;
  previous: PreviousKind;
  previousSheet: string;
  sheetLocale: Locale;
}

export const takesValue = (kind: CutKind): boolean => kind === 'pareto' || kind === 'quantile' || kind === 'fixed';
const inPercent = (kind: CutKind, axis: Axis): boolean => kind !== 'fixed' || axis === 'share';

/** Rounds away binary noise (0.8 * 100 = 80.00000000000001) for display. */
const tidy = (x: number): string => String(Number(x.toPrecision(12)));

export function cutToDraft(mode: string, axis: Axis): CutDraft {
  const parsed = parseCutMode(mode, axis);
  if ('problemEn' in parsed) return axis === 'share' ? { kind: 'pareto', value: '80' } : { kind: 'median', value: '' };
  switch (parsed.kind) {
    case 'pareto':
      return { kind: 'pareto', value: tidy(parsed.p * 100) };
    case 'quantile':
      return { kind: 'quantile', value: tidy(parsed.q * 100) };
    case 'fixed':
      return { kind: 'fixed', value: tidy(axis === 'share' ? parsed.x * 100 : parsed.x) };
    default:
      return { kind: parsed.kind, value: '' };
  }
}

/** A default value for a mode the user just picked, so the field is never left empty. */
export function defaultValue(kind: CutKind, axis: Axis): string {
  if (kind === 'pareto') return '80';
  if (kind === 'quantile') return '50';
  if (kind === 'fixed') return axis === 'share' ? '1' : '50';
  return '';
}

export interface Problem {
  en: string;
  zh: string;
}

/** The cut mode string of §6, or the problem with what was typed. */
export function draftToCut(draft: CutDraft, axis: Axis): { mode: string } | { problem: Problem } {
  if (!takesValue(draft.kind)) return { mode: draft.kind };
  const text = draft.value.trim();
  const n = text === '' ? NaN : Number(text);
  if (!Number.isFinite(n)) return { problem: { en: 'Enter a number.', zh: '请输入数字。' } };
  const x = inPercent(draft.kind, axis) ? n / 100 : n;
  const mode = `${draft.kind}:${tidy(x)}`;
  const checked = parseCutMode(mode, axis);
  if ('problemEn' in checked) {
    // The domain words its limits as fractions; the pane shows percent, so say it in percent.
    if (draft.kind === 'pareto') return { problem: { en: 'Enter a percentage above 0 and at most 100.', zh: '请输入大于 0、不超过 100 的百分比。' } };
    if (draft.kind === 'quantile') return { problem: { en: 'Enter a percentage from 0 to 100.', zh: '请输入 0 到 100 之间的百分比。' } };
    return { problem: { en: checked.problemEn, zh: checked.problemZh } };
  }
  return { mode };
}

/** The cut value known before a run: only a fixed cut (shown as a fraction for share). */
export function knownCutValue(draft: CutDraft, axis: Axis): number | null {
  if (draft.kind !== 'fixed') return null;
  const c = draftToCut(draft, axis);
  if ('problem' in c) return null;
  const parsed = parseCutMode(c.mode, axis);
  return 'kind' in parsed && parsed.kind === 'fixed' ? parsed.x : null;
}

function thresholdText(key: keyof Thresholds, value: number | string): string {
  if (typeof value === 'string') return value;
  return PERCENT_THRESHOLDS.has(key) ? tidy(value * 100) : tidy(value);
}

export function configToDraft(config: AnalysisConfig, fallbackLocale: Locale, hasSavedConfig: boolean): SettingsDraft {
  const weights = Object.fromEntries(COMPONENTS.map((c) => [c, config.weights[c] ?? 1])) as Record<Component, number>;
  const thresholds = Object.fromEntries(
    (Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]).map((k) => [k, thresholdText(k, config.thresholds[k] ?? DEFAULT_THRESHOLDS[k])]),
  ) as Record<keyof Thresholds, string>;
  return {
    shareCut: cutToDraft(config.shareCut, 'share'),
    loyaltyCut: cutToDraft(config.loyaltyCut, 'loyalty'),
    weights,
    asOf: config.asOf ?? '',
    thresholds,
    reuseLastCuts: false,
    previous: 'none',
    previousSheet: '',
    // A workbook without saved settings writes labels in the language the user works in.
    sheetLocale: hasSavedConfig ? config.locale : fallbackLocale,
  };
}

export type DraftProblems = Partial<Record<'shareCut' | 'loyaltyCut' | 'previousSheet' | keyof Thresholds, Problem>>;

/** The configuration of the draft, with every field's problem; `config` is null when there is one. */
export function draftToConfig(
  draft: SettingsDraft,
  mapping: Partial<Record<Field, string[]>>,
): { config: AnalysisConfig | null; problems: DraftProblems } {
  const problems: DraftProblems = {};
  const share = draftToCut(draft.shareCut, 'share');
  const loyalty = draftToCut(draft.loyaltyCut, 'loyalty');
  if ('problem' in share) problems.shareCut = share.problem;
  if ('problem' in loyalty) problems.loyaltyCut = loyalty.problem;

  const thresholds = { ...DEFAULT_THRESHOLDS } as Thresholds;
  for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]) {
    const text = draft.thresholds[key].trim();
    if (key === 'ratingFloor') {
      thresholds.ratingFloor = text;
      continue;
    }
    const n = text === '' ? NaN : Number(text);
    if (!Number.isFinite(n)) {
      problems[key] = { en: 'Enter a number.', zh: '请输入数字。' };
      continue;
    }
    (thresholds as unknown as Record<string, number>)[key] = PERCENT_THRESHOLDS.has(key) ? n / 100 : n;
  }
  if (draft.previous === 'sheet' && !draft.previousSheet) problems.previousSheet = { en: 'Choose a sheet.', zh: '请选择工作表。' };

  // Weights of 1 are the default; saving only the others keeps the stored JSON short.
  const weights: Partial<Record<Component, number>> = {};
  for (const c of COMPONENTS) if (draft.weights[c] !== 1) weights[c] = draft.weights[c];

  if (Object.keys(problems).length || 'problem' in share || 'problem' in loyalty) return { config: null, problems };
  return {
    config: {
      version: 1,
      ...(draft.asOf ? { asOf: draft.asOf } : {}),
      map: mappingToMap(mapping),
      shareCut: share.mode,
      loyaltyCut: loyalty.mode,
      weights,
      thresholds,
      locale: draft.sheetLocale,
    },
    problems,
  };
}

/** The pane's mapping (field -> headers) as config.map (a list only for volume and volume_prev). */
export function mappingToMap(mapping: Partial<Record<Field, string[]>>): NonNullable<AnalysisConfig['map']> {
  const out: NonNullable<AnalysisConfig['map']> = {};
  for (const f of FIELDS) {
    const hs = mapping[f];
    if (!hs?.length) continue;
    out[f] = MULTI_COLUMN_FIELDS.includes(f) ? [...hs] : hs[0];
  }
  return out;
}

/**
 * Assigns headers to a field. A column belongs to one field only (the domain rejects a column
 * mapped twice), so taking it here releases it from the field it had.
 */
export function assignColumns(
  mapping: Partial<Record<Field, string[]>>,
  field: Field,
  headers: string[],
): Partial<Record<Field, string[]>> {
  const next: Partial<Record<Field, string[]>> = {};
  for (const f of FIELDS) {
    if (f === field) continue;
    const left = (mapping[f] ?? []).filter((h) => !headers.includes(h));
    if (left.length) next[f] = left;
  }
  if (headers.length) next[field] = headers;
  return next;
}

export function sameMapping(a: Partial<Record<Field, string[]>>, b: Partial<Record<Field, string[]>>): boolean {
  return FIELDS.every((f) => (a[f] ?? []).join('\u0000') === (b[f] ?? []).join('\u0000'));
}
