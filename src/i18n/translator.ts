// One object per rendering that speaks one language: UI strings, area and check texts, finding messages,
// and the list of texts it had to show in English.

import type { GradeArea } from '../grade/grade-areas.js';
import type { Area, CheckMeta, Finding } from '../model/finding.js';
import { areaTitlesByLang } from './area-titles.js';
import { type Catalogue, en, type MessageKey } from './en.js';
import { fr } from './fr.js';
import { type CheckTexts, frChecks } from './fr-checks.js';
import { frFindings } from './fr-findings.js';
import { frFixes } from './fr-fixes.js';
import type { Lang } from './lang.js';
import { localeOf } from './lang.js';
import { formatMessage, type MessageParams } from './message-format.js';

export const catalogues: Readonly<Record<Lang, Catalogue>> = { en, fr };

/** Per language: check texts by check ID and finding messages by message key. English lives in the checks. */
const checkTexts: Readonly<Record<Lang, Readonly<Record<string, CheckTexts>>>> = { en: {}, fr: frChecks };
const findingTexts: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { en: {}, fr: frFindings };
/** Per language: a finding's own fix by `Finding.fixKey`. English lives in the checks (`Finding.fix`). */
const fixTexts: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { en: {}, fr: frFixes };

export interface Translator {
  readonly lang: Lang;
  readonly locale: string;
  t(key: MessageKey, params?: MessageParams): string;
  areaTitle(area: Area): string;
  gradeAreaTitle(area: GradeArea): string;
  checkTitle(meta: CheckMeta | undefined, checkId: string): string;
  checkDescription(meta: CheckMeta): string;
  checkRemediation(meta: CheckMeta): string;
  findingMessage(finding: Finding): string;
  /**
   * A finding's own fix, or the check's remediation: in this language when there is one. A literal fix (records
   * or commands only) is shown as it is; any other fix without a template in this language counts as untranslated.
   */
  findingFix(finding: Finding, meta: CheckMeta | undefined): string | undefined;
  /** True when this finding's own fix is shown in English although another language was asked for. */
  isFixFallback(finding: Finding): boolean;
  /** True when this finding's message is shown in English although another language was asked for. */
  isMessageFallback(finding: Finding): boolean;
  /** True when this check's remediation is shown in English although another language was asked for. */
  isRemediationFallback(meta: CheckMeta): boolean;
  /**
   * Keys of the texts shown in English so far, sorted: `title:<id>`, `message:<key>`, `description:<id>`,
   * `remediation:<id>`, `fix:<fixKey>` (a fix without key and not literal: `fix:<checkId>`).
   */
  untranslated(): readonly string[];
}

/** The key a finding's message is looked up by: its own key, else the check ID. */
export function messageKeyOf(finding: Finding): string {
  return finding.messageKey ?? finding.checkId;
}

/** The key a finding's own fix is reported under when untranslated: its own key, else the check ID. */
export function fixKeyOf(finding: Finding): string {
  return finding.fixKey ?? finding.checkId;
}

export function createTranslator(lang: Lang): Translator {
  const catalogue = catalogues[lang];
  const locale = localeOf[lang];
  const missing = new Set<string>();
  const fallback = (kind: string, key: string): void => {
    if (lang !== 'en') missing.add(`${kind}:${key}`);
  };
  const t = (key: MessageKey, params: MessageParams = {}): string =>
    formatMessage(catalogue[key], params, locale);
  const gradeAreaKeys: Readonly<Record<GradeArea, MessageKey>> = {
    exchange: 'gradeArea.exchange',
    connectors: 'gradeArea.connectors',
    authentication: 'gradeArea.authentication',
    transport: 'gradeArea.transport',
    reputation: 'gradeArea.reputation',
    routing: 'gradeArea.routing',
  };
  const checkRemediation = (meta: CheckMeta): string => {
    const text = checkTexts[lang][meta.id]?.remediation;
    if (text !== undefined) return text;
    fallback('remediation', meta.id);
    return meta.remediation;
  };
  /** Only a finding that names its key can be translated: an English text without one has no template. */
  const messageTemplate = (finding: Finding): string | undefined =>
    finding.messageKey === undefined ? undefined : findingTexts[lang][finding.messageKey];
  /** The finding's own fix in this language; undefined when only the English text exists. */
  const translatedFix = (finding: Finding, fix: string): string | undefined => {
    if (lang === 'en' || finding.fixIsLiteral === true) return fix;
    const template = finding.fixKey === undefined ? undefined : fixTexts[lang][finding.fixKey];
    if (template === undefined) return undefined;
    try {
      return formatMessage(template, finding.fixParams ?? {}, locale);
    } catch {
      // A template whose parameters the finding does not carry: the English text is still right.
      return undefined;
    }
  };
  return {
    lang,
    locale,
    t,
    areaTitle: (area) => areaTitlesByLang[lang][area],
    gradeAreaTitle: (area) => t(gradeAreaKeys[area]),
    checkTitle(meta, checkId) {
      const text = checkTexts[lang][checkId]?.title;
      if (text !== undefined) return text;
      fallback('title', checkId);
      return meta?.title ?? checkId;
    },
    checkDescription(meta) {
      const text = checkTexts[lang][meta.id]?.description;
      if (text !== undefined) return text;
      fallback('description', meta.id);
      return meta.description;
    },
    checkRemediation,
    findingMessage(finding) {
      if (lang === 'en') return finding.message;
      const template = messageTemplate(finding);
      if (template !== undefined) {
        try {
          return formatMessage(template, finding.messageParams ?? {}, locale);
        } catch {
          // A template whose parameters the finding does not carry: the English text is still right.
        }
      }
      fallback('message', messageKeyOf(finding));
      return finding.message;
    },
    findingFix(finding, meta) {
      const fix = finding.fix;
      if (fix === undefined) return meta === undefined ? undefined : checkRemediation(meta);
      const translated = translatedFix(finding, fix);
      if (translated !== undefined) return translated;
      fallback('fix', fixKeyOf(finding));
      return fix;
    },
    isFixFallback: (finding) =>
      finding.fix !== undefined && translatedFix(finding, finding.fix) === undefined,
    isMessageFallback: (finding) => lang !== 'en' && messageTemplate(finding) === undefined,
    isRemediationFallback: (meta) => lang !== 'en' && checkTexts[lang][meta.id]?.remediation === undefined,
    untranslated: () => [...missing].sort(),
  };
}
