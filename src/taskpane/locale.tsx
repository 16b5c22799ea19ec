/** The pane's language, shared by every component (switchable at run time, so a context not a constant). */
import { createContext, useContext } from 'react';
import { LOCALES, localeOfLanguageTag, type Locale } from '../domain';
import { UI, type UiKey } from './i18n';

export const LocaleContext = createContext<Locale>('en-US');

export function useLocale(): { locale: Locale; ui: (key: UiKey) => string } {
  const locale = useContext(LocaleContext);
  return { locale, ui: (key) => UI[key][locale] };
}

const STORAGE_KEY = 'portfolio-matrix.locale';

/** The language the user chose last time in this browser profile, if any. */
export function storedLocale(): Locale | null {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LOCALES as readonly (string | null | undefined)[]).includes(v) ? (v as Locale) : null;
  } catch {
    // Storage can be blocked (private mode, sandboxed frames): the choice simply is not remembered.
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // As above: not remembering the language is harmless, the pane still switches.
  }
}

/**
 * Office's display language ("zh-CN", "zh-TW", "en-GB", …) to one of ours: Traditional Chinese
 * (Taiwan, Hong Kong, Macau, or a Hant script tag) -> zh-TW, other Chinese -> zh-CN, else en-US.
 */
export function localeFromDisplayLanguage(lang: string | undefined | null): Locale {
  return localeOfLanguageTag(lang) ?? 'en-US';
}
