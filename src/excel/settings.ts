/**
 * The add-in's state in the workbook: one key of `workbook.settings` (ExcelApi 1.4; "per file and
 * add-in combination" [doc: persisting-add-in-state-and-settings.md]) holding SavedState as a JSON
 * string, schema version 1. The value is stored as a string (not an object) so that what we read
 * back is exactly what we wrote on every host, and so a damaged value is a parse error we can report.
 */
import { configToJson, isAnalysisError, parseConfig } from '../domain';
import type { SavedState } from './api';
import { AdapterError } from './errors';

export const SETTINGS_KEY = 'PortfolioMatrix.state';

/** Queues the load of the saved state; call the returned function after the next sync. */
export function queueLoadState(ctx: Excel.RequestContext): () => SavedState | null {
  const item = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  item.load('value');
  return () => (item.isNullObject ? null : parseSavedState(item.value));
}

/** Queues writing the state (replaces the key). */
export function queueSaveState(ctx: Excel.RequestContext, state: SavedState): void {
  ctx.workbook.settings.add(SETTINGS_KEY, serializeState(state));
}

/** Queues deleting the key; only when it exists (getItem of a missing key fails the batch). */
export function queueDeleteState(ctx: Excel.RequestContext): void {
  ctx.workbook.settings.getItem(SETTINGS_KEY).delete();
}

export function serializeState(state: SavedState): string {
  return JSON.stringify({ ...state, config: configToJson(state.config) });
}

const bad = (problemEn: string, problemZh: string) => new AdapterError('BAD_SETTINGS', { problemEn, problemZh });

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

function place(v: unknown, key: string, withTable: boolean): void {
  if (v === null) return;
  if (!isObj(v) || !isStr(v.sheetName) || !isStr(v.address)) {
    throw bad(`"${key}" must name a sheet and an address`, `"${key}" 必须包含工作表和地址`);
  }
  if (withTable && !(v.tableName === null || isStr(v.tableName))) {
    throw bad(`"${key}.tableName" must be a name or null`, `"${key}.tableName" 必须是名称或 null`);
  }
  if (!withTable && !(Array.isArray(v.headers) && v.headers.every(isStr))) {
    throw bad(`"${key}.headers" must be a list of texts`, `"${key}.headers" 必须是文本列表`);
  }
}

/**
 * Validates a stored value. Anything unexpected is an AdapterError('BAD_SETTINGS') naming the
 * problem, never a crash; the configuration is validated by the domain (parseConfig).
 */
export function parseSavedState(raw: unknown): SavedState {
  let v: unknown = raw;
  if (isStr(raw)) {
    try {
      v = JSON.parse(raw);
    } catch {
      throw bad('the value is not valid JSON', '内容不是有效的 JSON');
    }
  }
  if (!isObj(v)) throw bad('the value is not an object', '内容不是对象');
  if (v.schemaVersion !== 1) {
    throw bad(`unknown schema version ${JSON.stringify(v.schemaVersion)}`, `未知的设置版本 ${JSON.stringify(v.schemaVersion)}`);
  }
  let config;
  try {
    config = parseConfig(v.config);
  } catch (e) {
    if (!isAnalysisError(e)) throw e;
    throw bad(e.localized('en-US'), e.localized('zh-CN'));
  }
  const table = v.table ?? null;
  const output = v.output ?? null;
  place(table, 'table', true);
  place(output, 'output', false);
  for (const key of ['chartName', 'summarySheetName'] as const) {
    const x = v[key] ?? null;
    if (!(x === null || isStr(x))) throw bad(`"${key}" must be a name or null`, `"${key}" 必须是名称或 null`);
  }
  const cuts = v.lastCuts ?? null;
  const num = (x: unknown) => x === null || (typeof x === 'number' && Number.isFinite(x));
  if (cuts !== null && !(isObj(cuts) && num(cuts.share) && num(cuts.loyalty) && isStr(cuts.asOf))) {
    throw bad('"lastCuts" must hold share, loyalty and asOf', '"lastCuts" 必须包含 share、loyalty 和 asOf');
  }
  return {
    schemaVersion: 1,
    config,
    table: table as SavedState['table'],
    output: output as SavedState['output'],
    chartName: (v.chartName ?? null) as string | null,
    summarySheetName: (v.summarySheetName ?? null) as string | null,
    lastCuts: cuts as SavedState['lastCuts'],
  };
}

/** The state before any run: only a configuration. */
export function initialState(config: SavedState['config']): SavedState {
  return { schemaVersion: 1, config, table: null, output: null, chartName: null, summarySheetName: null, lastCuts: null };
}
