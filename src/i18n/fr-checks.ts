// French titles, descriptions and fixes of the checks, keyed by check ID; English is shown where a text is absent.

import { frDnsChecks } from './fr/dns-checks.js';
import { frExchangeChecks } from './fr/exchange-checks.js';
import { frSmtpChecks } from './fr/smtp-checks.js';

/** What a language says about one check ID; only the title is required of every ID. */
export interface CheckTexts {
  readonly title: string;
  readonly description?: string;
  readonly remediation?: string;
}

export const frChecks: Readonly<Record<string, CheckTexts>> = {
  ...frDnsChecks,
  ...frSmtpChecks,
  ...frExchangeChecks,
  'scan.check-failed': {
    title: 'Un contrôle n’a pas pu aller jusqu’au bout',
    description:
      'Un contrôle s’est arrêté sur une erreur interne inattendue. Ses verdicts manquent dans ce rapport ; le reste de l’analyse n’est pas affecté. C’est un défaut de telltale, pas du domaine.',
    remediation:
      'Relancez l’analyse ; si le problème persiste, signalez-le aux mainteneurs de telltale avec le message affiché.',
  },
};
