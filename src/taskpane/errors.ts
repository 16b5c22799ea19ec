/**
 * Turning any failure into words for the user: adapter and domain errors word themselves
 * (`localized(locale)`, which already says what to do); anything else is reported as unexpected,
 * with its own message, rather than swallowed.
 */
import type { Locale } from '../domain';
import { ANALYSIS_HINT, UI } from './i18n';

interface Localizable {
  code?: unknown;
  localized(locale: Locale): string;
}

function isLocalizable(e: unknown): e is Localizable {
  return typeof e === 'object' && e !== null && typeof (e as { localized?: unknown }).localized === 'function';
}

export interface ErrorWords {
  message: string;
  /** What the user can do about it, when the message does not say so itself. */
  hint: string;
}

export function describeError(error: unknown, locale: Locale): ErrorWords {
  if (isLocalizable(error)) {
    return { message: error.localized(locale), hint: error.code === 'ANALYSIS' ? ANALYSIS_HINT[locale] : '' };
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { message: UI.unexpected[locale] + detail, hint: UI.unexpectedHint[locale] };
}
