// French finding messages keyed by `Finding.messageKey`, with the same parameters as the English text.
// Checks gain message keys one by one (docs/i18n.md); a finding without a key here is shown in English.

import { enDnsFindings } from './en/dns-findings.js';
import { enExchangeFindings } from './en/exchange-findings.js';
import { enSmtpFindings } from './en/smtp-findings.js';
import { frDnsFindings } from './fr/dns-findings.js';
import { frExchangeFindings } from './fr/exchange-findings.js';
import { frSmtpFindings } from './fr/smtp-findings.js';

export const frFindings: Readonly<Record<string, string>> = {
  ...frDnsFindings,
  ...frSmtpFindings,
  ...frExchangeFindings,
  'scan.check-failed': 'Le contrôle « {check} » a échoué : {detail}',
  'mx.missing.none':
    'Le domaine {domain} ne publie aucun enregistrement MX et n’a pas d’adresse : tout courrier qui lui est envoyé est rejeté.',
  'mx.unresolvable.nxdomain':
    'L’hôte MX {host} n’existe pas (NXDOMAIN) : le courrier ne peut pas lui être remis.',
  'dmarc.policy-none':
    'La politique DMARC de {domain} est p=none : le courrier qui usurpe votre domaine est toujours livré.',
};

/** English templates of the same keys, for tests and for checks that adopt a key (docs/i18n.md). */
export const enFindings: Readonly<Record<string, string>> = {
  ...enDnsFindings,
  ...enSmtpFindings,
  ...enExchangeFindings,
  'scan.check-failed': "The '{check}' check failed: {detail}",
  'mx.missing.none':
    'The domain {domain} publishes no MX record and has no address: every message sent to it bounces.',
  'mx.unresolvable.nxdomain': 'MX host {host} does not exist (NXDOMAIN): mail cannot be delivered to it.',
  'dmarc.policy-none':
    'The DMARC policy of {domain} is p=none: mail spoofing your domain is still delivered.',
};
