/**
 * The configuration of analysis.md §14, validated with a zod schema. Unknown keys, bad modes
 * and bad weights are errors whose message names the key.
 */
import { z } from 'zod';
import { parseCutMode } from './cutMode';
import { AnalysisError } from './errors';
import { gradeOrdinal } from './values/parseRating';
import { parseDateText } from './values/parseDate';
import { COMPONENTS, FIELDS, LOCALES, MULTI_COLUMN_FIELDS, type AnalysisConfig, type Thresholds } from './types';

export const DEFAULT_THRESHOLDS: Thresholds = {
  developmentYears: 1,
  matureYears: 3,
  terminatedIdleDays: 365,
  declineVolume: -0.2,
  declineTxn: -0.3,
  declineIdleDays: 180,
  growthVolume: 0.1,
  growthTxn: 0.2,
  balanceDrop: -0.3,
  balanceDropHigh: -0.5,
  activityDrop: -0.5,
  dormantDays: 90,
  dormantDaysHigh: 180,
  complaintsHigh: 3,
  noContactDaysLarge: 90,
  noContactDays: 180,
  ratingFloor: 'B',
};

export const DEFAULT_CONFIG: AnalysisConfig = {
  shareCut: 'pareto:0.8',
  loyaltyCut: 'median',
  weights: {},
  thresholds: DEFAULT_THRESHOLDS,
  locale: 'en-US',
};

export { parseCutMode, type CutMode } from './cutMode';

const finite = z.number().refine(Number.isFinite);
const nonNegative = finite.refine((n) => n >= 0);
const header = z.string().trim().min(1);

const thresholdsShape = Object.fromEntries(
  (Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]).map((k) => [
    k,
    k === 'ratingFloor'
      ? z.string().refine((s) => gradeOrdinal(s) !== undefined, { params: { kind: 'rating' } }).optional()
      : finite.optional(),
  ]),
) as unknown as Record<keyof Thresholds, z.ZodOptional<z.ZodType>>;

const schema = z.strictObject({
  version: z.literal(1).optional(),
  asOf: z.string().refine((s) => parseDateText(s) !== null && /^\d{4}-\d{2}-\d{2}$/.test(s), { params: { kind: 'date' } }).optional(),
  map: z
    .strictObject(
      Object.fromEntries(
        FIELDS.map((f) => [
          f,
          (MULTI_COLUMN_FIELDS.includes(f) ? z.union([header, z.array(header).min(1)]) : header).optional(),
        ]),
      ),
    )
    .optional(),
  shareCut: z.string().optional(),
  loyaltyCut: z.string().optional(),
  weights: z.strictObject(Object.fromEntries(COMPONENTS.map((c) => [c, nonNegative.optional()]))).optional(),
  thresholds: z.strictObject(thresholdsShape).optional(),
  locale: z.enum(LOCALES as unknown as [string, ...string[]]).optional(),
});

function keyPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

function describe(issue: z.core.$ZodIssue): { key: string; problemEn: string; problemZh: string } {
  const key = keyPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((k) => `"${k}"`).join(', ');
    const where = issue.path.length ? keyPath(issue.path) + '.' : '';
    return {
      key: `${where}${issue.keys[0]}`,
      problemEn: `unknown key ${names}`,
      problemZh: `未知的配置项 ${names}`,
    };
  }
  const kind = (issue as { params?: { kind?: string } }).params?.kind;
  if (kind === 'date') return { key, problemEn: 'must be a date YYYY-MM-DD', problemZh: '必须是 YYYY-MM-DD 格式的日期' };
  if (kind === 'rating') return { key, problemEn: 'must be a rating such as B or BB-', problemZh: '必须是评级，如 B 或 BB-' };
  if (issue.path[0] === 'weights') {
    return { key, problemEn: 'a weight must be a number ≥ 0', problemZh: '权重必须是 ≥ 0 的数字' };
  }
  if (issue.path[0] === 'locale') return { key, problemEn: 'must be "zh-CN", "zh-TW" or "en-US"', problemZh: '必须是 "zh-CN"、"zh-TW" 或 "en-US"' };
  if (issue.path[0] === 'version') return { key, problemEn: 'the only schema version is 1', problemZh: '配置版本只能是 1' };
  if (issue.path[0] === 'map') {
    const multi = MULTI_COLUMN_FIELDS.includes(issue.path[1] as never);
    return {
      key,
      problemEn: multi ? 'must be a column header or a list of headers' : 'must be one column header',
      problemZh: multi ? '必须是列名或列名列表' : '必须是一个列名',
    };
  }
  if (issue.path[0] === 'thresholds') return { key, problemEn: 'must be a number', problemZh: '必须是数字' };
  if (issue.code === 'invalid_type') {
    return { key, problemEn: `must be ${issue.expected}`, problemZh: `类型应为 ${issue.expected}` };
  }
  return { key, problemEn: issue.message, problemZh: issue.message };
}

/**
 * Validates a configuration object (already parsed from JSON) and fills the defaults.
 * Throws AnalysisError('BAD_CONFIG') naming the first bad key.
 */
export function parseConfig(input: unknown): AnalysisConfig {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const d = describe(parsed.error.issues[0]);
    throw new AnalysisError('BAD_CONFIG', d);
  }
  const c = parsed.data;
  const config: AnalysisConfig = {
    ...(c.version ? { version: 1 as const } : {}),
    ...(c.asOf ? { asOf: c.asOf } : {}),
    ...(c.map ? { map: c.map as AnalysisConfig['map'] } : {}),
    shareCut: c.shareCut ?? DEFAULT_CONFIG.shareCut,
    loyaltyCut: c.loyaltyCut ?? DEFAULT_CONFIG.loyaltyCut,
    weights: (c.weights ?? {}) as AnalysisConfig['weights'],
    thresholds: { ...DEFAULT_THRESHOLDS, ...(c.thresholds as Partial<Thresholds> | undefined) },
    locale: (c.locale as AnalysisConfig['locale'] | undefined) ?? DEFAULT_CONFIG.locale,
  };
  for (const [key, axis] of [
    ['shareCut', 'share'],
    ['loyaltyCut', 'loyalty'],
  ] as const) {
    const mode = parseCutMode(config[key], axis);
    if ('problemEn' in mode) throw new AnalysisError('BAD_CONFIG', { key, ...mode });
  }
  return config;
}

/** The configuration as the JSON object of §14 (for saving in a workbook or a file). */
export function configToJson(config: AnalysisConfig): Record<string, unknown> {
  const changed = Object.fromEntries(
    Object.entries(config.thresholds).filter(([k, v]) => DEFAULT_THRESHOLDS[k as keyof Thresholds] !== v),
  );
  return {
    version: 1,
    ...(config.asOf ? { asOf: config.asOf } : {}),
    ...(config.map ? { map: config.map } : {}),
    shareCut: config.shareCut,
    loyaltyCut: config.loyaltyCut,
    ...(Object.keys(config.weights).length ? { weights: config.weights } : {}),
    ...(Object.keys(changed).length ? { thresholds: changed } : {}),
    locale: config.locale,
  };
}
