import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { en, type MessageKey } from './en.ts';
import { fr } from './fr.ts';

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly { code: Language; label: string }[] = [
  { code: 'en', label: 'English' },
  { code: 'fr', label: 'Français' },
];

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, fr };
/** The locale used for numbers, money and dates in each UI language. */
const LOCALES: Record<Language, string> = { en: 'en-GB', fr: 'fr-FR' };
const STORAGE_KEY = 'relance.language';

/** The saved choice, else the browser's first language we have, else English. */
export function initialLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'fr') return saved;
  for (const tag of globalThis.navigator?.languages ?? []) {
    const base = tag.slice(0, 2).toLowerCase();
    if (base === 'fr' || base === 'en') return base;
  }
  return 'en';
}

export type Vars = Record<string, string | number>;

export interface I18n {
  readonly language: Language;
  readonly locale: string;
  setLanguage(language: Language): void;
  t(key: MessageKey, vars?: Vars): string;
  /** Minor units of a currency, e.g. 123897 EUR → "€1,238.97" / "1 238,97 €". */
  money(minor: number, currency: string): string;
  /** A YYYY-MM-DD business date, shown in the UI language. */
  date(value: string | null | undefined): string;
  dateTime(iso: string): string;
  number(value: number): string;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const dictionary = DICTIONARIES[language];
    const locale = LOCALES[language];
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const times = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const numbers = new Intl.NumberFormat(locale);
    const moneyFormats = new Map<string, Intl.NumberFormat>();
    return {
      language,
      locale,
      setLanguage,
      t: (key, vars) => interpolate(dictionary[key] ?? en[key], vars),
      money(minor, currency) {
        let format = moneyFormats.get(currency);
        if (!format) {
          format = new Intl.NumberFormat(locale, { style: 'currency', currency });
          moneyFormats.set(currency, format);
        }
        const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
        return format.format(minor / 10 ** digits);
      },
      date: (value) => (value ? dates.format(new Date(`${value}T00:00:00Z`)) : '—'),
      dateTime: (iso) => times.format(new Date(iso)),
      number: (n) => numbers.format(n),
    };
  }, [language, setLanguage]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(Context);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

function interpolate(text: string, vars: Vars | undefined): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}
