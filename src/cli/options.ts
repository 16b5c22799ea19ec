/**
 * The command line's grammar (commander) and the checking of every option value. Anything
 * wrong here is a usage error (exit 2), found before a file is opened.
 */
import { Command, CommanderError, Help } from 'commander';
// The domain's modules themselves rather than its index: --help and usage errors then load no
// more of it (nor zod, which the configuration's schema uses) than they need.
import { parseCutMode } from '../domain/cutMode';
import { COMPONENTS, FIELDS, LOCALES, MULTI_COLUMN_FIELDS, type Component, type Field, type Locale } from '../domain/types';
import { parseDateText } from '../domain/values/parseDate';
import { inLocale, localeOfLanguageTag } from '../domain/i18n/traditional';
import { CliError, usageError } from './errors';
import { msg } from './messages';
import { parseRange, type CellRange } from './range';

export const FORMATS = ['json', 'csv', 'xlsx', 'table'] as const;
export type Format = (typeof FORMATS)[number];

export interface AnalyzeArgs {
  files: string[];
  sheet?: string;
  range?: CellRange;
  config?: string;
  /** --map, field -> headers (several only for volume and volume_prev). */
  map: Partial<Record<Field, string[]>>;
  asOf?: string;
  shareCut?: string;
  loyaltyCut?: string;
  weights?: Partial<Record<Component, number>>;
  previous?: string;
  /** --reuse-cuts: last period's cut values as fixed cuts. */
  reuseCuts?: boolean;
  locale?: Locale;
  format?: Format;
  out?: string;
  outDir?: string;
}

export type ParseOutcome = { kind: 'analyze'; args: AnalyzeArgs } | { kind: 'done'; exitCode: number };

interface Writer {
  write(chunk: string): unknown;
}

/** The output language the environment asks for: LC_ALL, then LC_MESSAGES, then LANG. */
export function localeFromEnv(env: Readonly<Record<string, string | undefined>>): Locale {
  for (const key of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const v = env[key];
    if (v) return localeOfLanguageTag(v) ?? 'en-US';
  }
  return 'en-US';
}

/** A valid --locale on the command line, looked up before parsing so errors use that language. */
export function localeFromArgv(argv: readonly string[]): Locale | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a === '--locale' ? argv[i + 1] : a.startsWith('--locale=') ? a.slice('--locale='.length) : undefined;
    if (v !== undefined && (LOCALES as readonly string[]).includes(v)) return v as Locale;
  }
  return undefined;
}

const collect = (value: string, previous?: string[]) => [...(previous ?? []), value];

function buildProgram(locale: Locale, out: Writer, err: Writer, onAnalyze: (files: string[], opts: Record<string, unknown>) => void): Command {
  const t = (id: Parameters<typeof msg>[1]) => msg(locale, id);
  const titles: Record<string, string> = {
    'Usage:': t('helpUsage'),
    'Options:': t('helpOptions'),
    'Arguments:': t('helpArguments'),
    'Commands:': t('helpCommands'),
  };
  const program = new Command('portfolio-matrix');
  program
    .description(t('helpProgram'))
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.write(s), writeErr: (s) => err.write(s), outputError: () => undefined })
    .configureHelp({ styleTitle: (s: string) => titles[s] ?? Help.prototype.styleTitle.call(new Help(), s) })
    .helpOption('-h, --help', t('helpHelp'))
    .helpCommand(false)
    .showSuggestionAfterError(false);
  program
    .command('analyze')
    .description(t('helpAnalyze'))
    .argument('<files...>', t('helpFiles'))
    .option('--sheet <name>', t('helpSheet'))
    .option('--range <A1:R2001>', t('helpRange'))
    .option('--config <file.json>', t('helpConfig'))
    .option('--map <field=Header>', t('helpMap'), collect)
    .option('--as-of <YYYY-MM-DD>', t('helpAsOf'))
    .option('--share-cut <mode>', t('helpShareCut'))
    .option('--loyalty-cut <mode>', t('helpLoyaltyCut'))
    .option('--weights <c=w,c=w>', t('helpWeights'))
    .option('--previous <file>', t('helpPrevious'))
    .option('--reuse-cuts', t('helpReuseCuts'))
    .option('--locale <zh-CN|zh-TW|en-US>', t('helpLocale'))
    .option('--format <json|csv|xlsx|table>', t('helpFormat'))
    .option('--out <file>', t('helpOut'))
    .option('--out-dir <dir>', t('helpOutDir'))
    .action((files: string[], opts: Record<string, unknown>) => onAnalyze(files, opts));
  return program;
}

/** The quoted name in a commander message ("unknown option '--foo'"). */
const quoted = (text: string) => /'([^']*)'/.exec(text)?.[1] ?? '';

function fromCommander(e: CommanderError): CliError {
  switch (e.code) {
    case 'commander.unknownOption':
      return usageError('unknownOption', { option: quoted(e.message) });
    case 'commander.unknownCommand':
      return usageError('unknownCommand', { name: quoted(e.message) });
    case 'commander.missingArgument':
      return usageError('missingFile');
    case 'commander.optionMissingArgument':
    case 'commander.missingMandatoryOptionValue':
      return usageError('missingOptionValue', { option: quoted(e.message).split(/[ ,]/).find((s) => s.startsWith('--')) ?? quoted(e.message) });
    case 'commander.excessArguments':
      return usageError('unknownCommand', { name: quoted(e.message) });
    default:
      return new CliError(2, () => e.message.replace(/^error: /, ''));
  }
}

function cutMode(text: string, axis: 'share' | 'loyalty', option: string): string {
  const mode = parseCutMode(text, axis);
  if ('problemEn' in mode) {
    const { problemEn, problemZh } = mode;
    throw new CliError(2, (l) => msg(l, 'badCutMode', { option, problem: inLocale(l, problemZh, problemEn) }));
  }
  return text.trim();
}

function weights(text: string): Partial<Record<Component, number>> {
  const out: Partial<Record<Component, number>> = {};
  const parts = text.split(',').map((p) => p.trim());
  if (parts.every((p) => p === '')) throw usageError('badWeights', { text });
  for (const part of parts) {
    const m = /^([^=]+)=(.*)$/.exec(part);
    if (!m) throw usageError('badWeights', { text });
    const name = m[1].trim();
    if (!(COMPONENTS as readonly string[]).includes(name)) {
      throw usageError('badWeightComponent', { name, allowed: COMPONENTS.join(', ') });
    }
    const value = m[2].trim() === '' ? NaN : Number(m[2]);
    if (!Number.isFinite(value) || value < 0) throw usageError('badWeightValue', { name, value: m[2].trim() });
    out[name as Component] = value;
  }
  return out;
}

function mappings(items: readonly string[]): Partial<Record<Field, string[]>> {
  const out: Partial<Record<Field, string[]>> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const field = eq < 0 ? '' : item.slice(0, eq).trim();
    const header = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (eq < 0 || field === '' || header === '') throw usageError('badMap', { text: item });
    if (!(FIELDS as readonly string[]).includes(field)) throw usageError('badMapField', { field, allowed: FIELDS.join(', ') });
    const f = field as Field;
    const list = out[f] ?? [];
    if (list.includes(header)) continue;
    if (list.length && !MULTI_COLUMN_FIELDS.includes(f)) throw usageError('mapTwice', { field });
    out[f] = [...list, header];
  }
  return out;
}

function checked(files: string[], o: Record<string, unknown>): AnalyzeArgs {
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const args: AnalyzeArgs = { files, map: mappings((o.map as string[] | undefined) ?? []) };
  const locale = str('locale');
  if (locale !== undefined) {
    if (!(LOCALES as readonly string[]).includes(locale)) throw usageError('badLocale', { text: locale });
    args.locale = locale as Locale;
  }
  const format = str('format');
  if (format !== undefined) {
    const f = format.trim().toLowerCase();
    if (!(FORMATS as readonly string[]).includes(f)) throw usageError('badFormat', { text: format });
    args.format = f as Format;
  }
  const asOf = str('asOf');
  if (asOf !== undefined) {
    const d = asOf.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || parseDateText(d) === null) throw usageError('badAsOf', { text: asOf });
    args.asOf = d;
  }
  const share = str('shareCut');
  if (share !== undefined) args.shareCut = cutMode(share, 'share', '--share-cut');
  const loyalty = str('loyaltyCut');
  if (loyalty !== undefined) args.loyaltyCut = cutMode(loyalty, 'loyalty', '--loyalty-cut');
  const w = str('weights');
  if (w !== undefined) args.weights = weights(w);
  const range = str('range');
  if (range !== undefined) {
    const r = parseRange(range);
    if (!r) throw usageError('badRange', { text: range });
    args.range = r.range;
    if (r.sheet !== null) args.sheet = r.sheet;
  }
  const sheet = str('sheet');
  if (sheet !== undefined) args.sheet = sheet;
  for (const k of ['config', 'previous', 'out', 'outDir'] as const) {
    const v = str(k);
    if (v !== undefined) args[k] = v;
  }
  if (o.reuseCuts === true) {
    if (args.previous === undefined && files.length < 2) throw usageError('reuseCutsNeedsPrevious');
    args.reuseCuts = true;
  }
  if (args.out !== undefined && args.outDir !== undefined) throw usageError('outAndOutDir');
  if (files.length > 1 && args.outDir === undefined) throw usageError('manyFilesNeedOutDir');
  if (args.format === 'xlsx' && args.out === undefined && args.outDir === undefined) throw usageError('xlsxNeedsOut');
  return args;
}

/**
 * Parses the arguments (without "node" and the script). Help goes to `out` (exit 0); usage
 * errors are thrown as CliError with exit code 2.
 */
export function parseArgv(argv: readonly string[], locale: Locale, out: Writer, err: Writer): ParseOutcome {
  let captured: { files: string[]; opts: Record<string, unknown> } | undefined;
  const program = buildProgram(locale, out, err, (files, opts) => {
    captured = { files, opts };
  });
  if (argv.length === 0) throw usageError('missingCommand');
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return { kind: 'done', exitCode: 0 };
      if (e.code === 'commander.help') return { kind: 'done', exitCode: 2 };
      throw fromCommander(e);
    }
    throw e;
  }
  if (!captured) throw usageError('missingCommand');
  return { kind: 'analyze', args: checked(captured.files, captured.opts) };
}
