/**
 * The run's configuration: the --config file (analysis.md §14) with the command line's values
 * laid over it. The file is checked on its own first so that its problems name the file.
 */
import path from 'node:path';
import { isAnalysisError, LOCALES, parseConfig, type AnalysisConfig, type Field, type Locale } from '../domain';
import { CliError, inputError } from './errors';
import { msg } from './messages';
import type { AnalyzeArgs } from './options';
import { readBytes } from './readInput';
import { decodeText } from './readCsv';

export interface RunConfig {
  config: AnalysisConfig;
  /** --map as per-field overrides of the auto-mapping (undefined when config.map holds them). */
  overrides?: Partial<Record<Field, string | string[]>>;
  /** The language of outputs and messages. */
  locale: Locale;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

async function readConfigFile(file: string, cwd: string): Promise<Record<string, unknown>> {
  const bytes = await readBytes(path.resolve(cwd, file), file, 'configNotFound');
  const { text } = decodeText(bytes);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(detail);
    const { line, column } = lineColumn(text, at ? Number(at[1]) : text.length);
    throw inputError('configBadJson', { file, line, column, detail: detail.replace(/ in JSON at position \d+.*$/, '') });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw inputError('configNotObject', { file });
  return parsed as Record<string, unknown>;
}

function checkedConfig(raw: Record<string, unknown>, file: string): AnalysisConfig {
  try {
    return parseConfig(raw);
  } catch (e) {
    if (isAnalysisError(e)) throw new CliError(1, (l) => msg(l, 'configInvalid', { file, message: e.localized(l) }));
    throw e;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Builds the configuration; command-line values override the file's. */
export async function loadConfig(args: AnalyzeArgs, cwd: string, envLocale: Locale): Promise<RunConfig> {
  const raw = args.config !== undefined ? await readConfigFile(args.config, cwd) : {};
  const file = args.config ?? '--config';
  checkedConfig(raw, file);

  const fileLocale = LOCALES.find((l) => l === raw.locale);
  const locale = args.locale ?? fileLocale ?? envLocale;
  const merged: Record<string, unknown> = { ...raw, locale };
  if (args.asOf !== undefined) merged.asOf = args.asOf;
  if (args.shareCut !== undefined) merged.shareCut = args.shareCut;
  if (args.loyaltyCut !== undefined) merged.loyaltyCut = args.loyaltyCut;
  if (args.weights) merged.weights = { ...(isObject(raw.weights) ? raw.weights : {}), ...args.weights };

  const cliMap: Partial<Record<Field, string | string[]>> = {};
  for (const [f, headers] of Object.entries(args.map) as [Field, string[]][]) {
    cliMap[f] = headers.length === 1 ? headers[0] : headers;
  }
  let overrides: RunConfig['overrides'];
  if (isObject(raw.map)) {
    // config.map is the whole mapping, so --map replaces its fields there (an override would be ignored).
    merged.map = { ...raw.map, ...cliMap };
  } else if (Object.keys(cliMap).length) {
    overrides = cliMap;
  }
  return { config: checkedConfig(merged, file), overrides, locale };
}
