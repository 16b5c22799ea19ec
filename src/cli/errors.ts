/**
 * The command line's own failures: a usage error (exit 2) or an input problem (exit 1), each
 * worded from the catalogue at print time, once the output language is known.
 */
import type { Locale } from '../domain';
import { msg, type MessageId } from './messages';

type Params = Readonly<Record<string, string | number>>;

export class CliError extends Error {
  readonly exitCode: 1 | 2;
  readonly render: (locale: Locale) => string;

  constructor(exitCode: 1 | 2, render: (locale: Locale) => string) {
    super(render('en-US'));
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.render = render;
  }
}

export function usageError(id: MessageId, params: Params = {}): CliError {
  return new CliError(2, (locale) => msg(locale, id, params));
}

export function inputError(id: MessageId, params: Params = {}): CliError {
  return new CliError(1, (locale) => msg(locale, id, params));
}

export function isCliError(e: unknown): e is CliError {
  return e instanceof CliError;
}

/** A short reason for an operating-system or library error, without a stack. */
export function reasonOf(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof (e as { code: unknown }).code === 'string') {
    const code = (e as { code: string }).code;
    if (code === 'EACCES' || code === 'EPERM') return `${code} (permission denied)`;
    if (code === 'EISDIR') return `${code} (is a directory)`;
    if (code === 'ENOSPC') return `${code} (no space left)`;
    if (code === 'ENOENT') return `${code} (no such file or directory)`;
  }
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0];
}
