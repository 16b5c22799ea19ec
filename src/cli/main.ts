/**
 * The command line's entry: `main(argv, io)` returns the exit status (0 success, 1 input
 * problem, 2 usage error) and prints at most one line on standard error when it fails. Tests call
 * it in-process; bin/portfolio-matrix.js and `npm run cli` run it against the real process.
 */
import type { CliIo, MessageContext } from './analyzeCommand';
import { isCliError } from './errors';
import { msg } from './messages';
import { localeFromArgv, localeFromEnv, parseArgv } from './options';
import { isChinese } from '../domain';

export type { CliIo } from './analyzeCommand';

const PROGRAM = 'portfolio-matrix';

const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const envLocale = localeFromEnv(io.env);
  const ctx: MessageContext = { locale: localeFromArgv(argv) ?? envLocale };
  try {
    const outcome = parseArgv(argv, ctx.locale, io.stdout, io.stderr);
    if (outcome.kind === 'done') return outcome.exitCode;
    // Loaded only for a run: --help and usage errors need neither exceljs nor the engine.
    const { runAnalyze } = await import('./analyzeCommand');
    await runAnalyze(outcome.args, io, envLocale, ctx);
    return 0;
  } catch (e) {
    if (isCliError(e)) {
      const hint = e.exitCode === 2 ? (isChinese(ctx.locale) ? '' : ' ') + msg(ctx.locale, 'seeHelp') : '';
      io.stderr.write(`${PROGRAM}: ${oneLine(e.render(ctx.locale))}${hint}\n`);
      return e.exitCode;
    }
    // A bug, not the user's input: say so in one line; the stack only on request.
    const reason = e instanceof Error ? e.message : String(e);
    io.stderr.write(`${PROGRAM}: ${oneLine(msg(ctx.locale, 'internal', { reason }))}\n`);
    if (io.env.PORTFOLIO_MATRIX_DEBUG && e instanceof Error && e.stack) io.stderr.write(`${e.stack}\n`);
    return 1;
  }
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  // A closed pipe (`| head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  return {
    stdout: process.stdout,
    stdoutBytes: process.stdout,
    stderr: process.stderr,
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

export async function run(): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), processIo());
}

// `tsx src/cli/main.ts …` (npm run cli) runs the command; importing the module does not.
if (process.argv[1] && /[\\/]src[\\/]cli[\\/]main\.ts$/.test(process.argv[1])) void run();
