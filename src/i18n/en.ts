// The English catalogue: every user-interface string of every report format; the source language and its keys.

export const en = {
  // Report header and counts
  'report.heading': 'telltale {version} — {domain}',
  'report.scanned': 'Scanned {startedAt} in {seconds} s · resolvers: {resolvers}',
  'report.resolversNone': 'none',
  'count.fail': '{count} fail',
  'count.error': '{count} could not be checked',
  'count.warn': '{count} warn',
  'count.pass': '{count} pass',
  'count.skipped': '{count} skipped',
  'report.uncheckedNote':
    '{count, plural, one {# result} other {# results}} could not be checked (see ERROR above): unknown, not missing, and counted neither for nor against the domain.',
  'report.untranslatedNote':
    '{count, plural, one {# text is} other {# texts are}} shown in English: translation pending.',
  'report.staleDataset':
    'Data {name} (version {dataVersion}) is past its review date ({reviewBy}): verdicts may miss what was published since. Update telltale, or refresh the data (see docs).',

  // Statuses and severities
  'status.fail': 'FAIL',
  'status.error': 'ERROR',
  'status.warn': 'WARN',
  'status.pass': 'pass',
  'status.skipped': 'skip',
  'statusWord.fail': 'fail',
  'statusWord.error': 'could not be checked',
  'statusWord.warn': 'warning',
  'statusWord.pass': 'pass',
  'statusWord.skipped': 'skipped',
  'severity.info': 'info',
  'severity.low': 'low',
  'severity.medium': 'medium',
  'severity.high': 'high',
  'severity.critical': 'critical',

  // Findings
  'finding.evidence': 'Evidence',
  /** A label and its value: French puts a space before the colon. */
  'finding.labelled': '{label}: {value}',
  'finding.fix': 'Fix',
  'finding.see': 'See',
  'finding.subject': 'Subject',
  'finding.check': 'Check',
  'finding.dnssecValidated': '(DNSSEC-validated)',
  'finding.spfCounts': '[{lookups} here, {branch} in branch]',
  'finding.spfCountsVoid': '[{lookups} here, {branch} in branch, {void} void]',
  'quiet.passed': '{count} passed:',
  'quiet.skipped': '{count} skipped:',

  // Grades and lights
  'grade.overall': 'Overall',
  'grade.grade': 'Grade',
  'grade.light': 'Light',
  'grade.area': 'Area',
  'grade.problems': 'Problems',
  'grade.notChecked': 'not checked',
  'light.green': 'green',
  'light.amber': 'amber',
  'light.red': 'red',
  'light.none': 'unknown',
  'confidence.full': 'fully checked',
  'confidence.partial':
    'partly checked: {count, plural, one {# result} other {# results}} could not be checked',
  'confidence.none': 'could not be checked',
  'grade.cap.known-exploited':
    'Capped at F: {checkId} on {subject} is a known exploited vulnerability (CISA KEV catalogue).',
  'grade.cap.critical': 'Capped at F: critical problem {checkId} on {subject}.',
  'gradeArea.exchange': 'Exchange exposure',
  'gradeArea.connectors': 'Connectors and TLS',
  'gradeArea.authentication': 'Sender authentication (SPF, DKIM, DMARC, BIMI)',
  'gradeArea.transport': 'Transport security (MTA-STS, TLS-RPT, DANE, DNSSEC)',
  'gradeArea.reputation': 'Reputation (blocklists, reverse DNS)',
  'gradeArea.routing': 'Mail routing (MX)',

  // Management summary
  'summary.title': 'Management summary',
  'summary.overall': 'Overall light: {light} · grade {grade}',
  'summary.overallUnknown': 'Overall light: unknown: nothing could be checked',
  'summary.todo':
    '{count, plural, =0 {Nothing urgent to do} one {The one thing to do first} other {The # things to do first}}',
  'summary.attack': 'What an attacker could do',
  'summary.cost': 'What it could cost',
  'summary.owner': 'Who',
  'summary.effort': 'Effort',
  'summary.right': 'What is already right',
  'summary.rightArea': '{area}: in good order',
  'summary.rightNone': 'No area is fully in order yet.',
  'summary.unchecked': 'What could not be checked',
  'summary.uncheckedNone': 'Everything that was tried could be checked.',
  'summary.legalTitle': 'Why it matters: GDPR and NIS2',
  'summary.art32':
    'GDPR Art. 32 (security of processing) requires appropriate technical measures for personal data; e-mail carries personal data, and the measures above are the usual state of the art for it.',
  'summary.art33':
    'GDPR Art. 33: a personal data breach (for example a mailbox read by an intruder) must be notified to the supervisory authority without undue delay and, where feasible, within 72 hours of becoming aware of it.',
  'summary.art34':
    'GDPR Art. 34: when the breach is likely to result in a high risk to people, they must be informed without undue delay.',
  'summary.art83':
    'GDPR Art. 83: failures of Art. 32 to 34 can be fined up to €10 million or 2 % of worldwide annual turnover (Art. 83(4)); breaches of the basic principles, including integrity and confidentiality (Art. 5(1)(f)), up to €20 million or 4 % (Art. 83(5)), whichever is higher.',
  'summary.nis2':
    'NIS2 (Directive (EU) 2022/2555), if your organisation is an essential or important entity: Art. 21 requires cybersecurity risk-management measures (including e-mail security), and Art. 23 requires an early warning of a significant incident within 24 hours, a notification within 72 hours and a final report within one month.',
  'summary.disclaimer':
    'This summary explains technical findings in regulatory terms; it is not legal advice. Ask your data protection officer or counsel about your obligations.',

  // Owners and efforts
  'owner.dns': 'Whoever manages your DNS zone (IT team or hosting provider)',
  'owner.mail': 'Your mail server administrator',
  'owner.provider': 'Your IT service provider',
  'owner.management': 'Management, with the IT team',
  'effort.minutes': 'Under an hour',
  'effort.hours': 'A few hours',
  'effort.days': 'A few days, as a planned change',

  // Business impacts (scenarios)
  'impact.spoofing.attack':
    'Send e-mail that appears to come from your company: fake invoices, payment-change requests, phishing of your customers.',
  'impact.spoofing.cost':
    'Money wired to fraudsters, lost customer trust, and a breach to handle if personal data is obtained.',
  'impact.spoofing-unenforced.attack':
    'Keep sending e-mail in your name: receivers are told to deliver forged mail anyway.',
  'impact.spoofing-unenforced.cost':
    'Invoice and CEO fraud against your customers and staff; reputational damage.',
  'impact.forged-signature.attack':
    'Forge or weaken the cryptographic signature that proves your e-mail is genuine.',
  'impact.forged-signature.cost': 'Forged mail that passes checks; trust in your e-mail lost.',
  'impact.mail-loss.attack': 'Nothing needed: mail to your company is already lost or delayed.',
  'impact.mail-loss.cost': 'Missed orders, invoices and legal notices; customers who cannot reach you.',
  'impact.interception.attack':
    'Read or alter e-mail in transit by downgrading or redirecting the encrypted connection.',
  'impact.interception.cost':
    'Confidential and personal data disclosed in transit: a breach to notify (GDPR Art. 33).',
  'impact.blind.attack': 'Attack your mail flow without anyone at your company being told.',
  'impact.blind.cost': 'Problems found late, when the damage is done.',
  'impact.delivery.attack': 'Nothing needed: your own mail is rejected or sent to spam by receivers.',
  'impact.delivery.cost': 'Lost business correspondence and time spent chasing undelivered mail.',
  'impact.server-takeover.attack':
    'Take over the mail server: read every mailbox, plant ransomware, move into the rest of the network.',
  'impact.server-takeover.cost':
    'A full data breach to notify within 72 hours, downtime, recovery costs and possible fines.',
  'impact.tls-weakness.attack': 'Read mail in transit over weak or unverified encryption.',
  'impact.tls-weakness.cost': 'Confidential and personal data disclosed in transit.',
  'impact.listed.attack': 'Nothing needed: your server is already distrusted by receivers.',
  'impact.listed.cost': 'Mail rejected by customers and partners until the listing is cleared.',

  // HTML, Markdown
  'doc.title': 'telltale report — {domains}',
  'doc.findings': 'Findings',
  'doc.chartTitle': 'Results by area',
  'doc.references': 'References',
  'doc.generated': 'Generated by telltale {version} on {date}.',
  'doc.noProblems': 'No problems found in this area.',
  'doc.passedChecks': 'Passed: {ids}',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof en;

/** A language's catalogue: the compiler refuses one that lacks a key. */
export type Catalogue = Readonly<Record<MessageKey, string>>;
