/**
 * Cut modes (§6) as text: parsed here, apart from the configuration's schema (config.ts, with
 * zod), so the command line's option parsing loads neither zod nor the engine.
 */

/** A parsed cut mode (§6). */
export type CutMode =
  | { kind: 'pareto'; p: number }
  | { kind: 'median' }
  | { kind: 'mean' }
  | { kind: 'quantile'; q: number }
  | { kind: 'fixed'; x: number };

const MODE = /^(pareto|median|mean|quantile|fixed)(?::(.*))?$/;

/** Parses a cut mode; returns a problem text (en/zh) instead when it is not valid. */
export function parseCutMode(
  text: string,
  axis: 'share' | 'loyalty',
): CutMode | { problemEn: string; problemZh: string } {
  const m = MODE.exec(text.trim());
  const allowed = axis === 'share' ? 'pareto:P, median, mean, quantile:Q, fixed:X' : 'median, mean, quantile:Q, fixed:X';
  if (!m) {
    return {
      problemEn: `"${text}" is not a cut mode; use one of ${allowed}`,
      problemZh: `"${text}" 不是有效的分界方式，可用：${allowed}`,
    };
  }
  const kind = m[1];
  const arg = m[2];
  const num = arg === undefined || arg.trim() === '' ? NaN : Number(arg);
  switch (kind) {
    case 'median':
    case 'mean':
      if (arg !== undefined) return { problemEn: `"${kind}" takes no value`, problemZh: `"${kind}" 不带参数` };
      return { kind };
    case 'pareto':
      if (axis !== 'share') {
        return { problemEn: 'pareto is for the share axis only', problemZh: 'pareto 只能用于业务份额轴' };
      }
      if (!(num > 0 && num <= 1)) {
        return { problemEn: `pareto needs a fraction in (0, 1], e.g. pareto:0.8`, problemZh: `pareto 需要 (0, 1] 之间的比例，如 pareto:0.8` };
      }
      return { kind, p: num };
    case 'quantile':
      if (!(num >= 0 && num <= 1)) {
        return { problemEn: 'quantile needs a fraction in [0, 1], e.g. quantile:0.8', problemZh: 'quantile 需要 [0, 1] 之间的比例，如 quantile:0.8' };
      }
      return { kind, q: num };
    default:
      if (!Number.isFinite(num)) {
        return { problemEn: 'fixed needs a number, e.g. fixed:0.02', problemZh: 'fixed 需要一个数值，如 fixed:0.02' };
      }
      return { kind: 'fixed', x: num };
  }
}
