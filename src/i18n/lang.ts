// The report languages `--lang` accepts.

export type Lang = 'en' | 'fr';
export const langs: readonly Lang[] = ['en', 'fr'];

export function isLang(value: string): value is Lang {
  return (langs as readonly string[]).includes(value);
}

/** BCP 47 tag for Intl (plurals, numbers, dates) and the HTML lang attribute. */
export const localeOf: Readonly<Record<Lang, string>> = { en: 'en', fr: 'fr' };
