// English templates of the DNS checks' own fixes (Finding.fix), keyed by `Finding.fixKey`: the words around a
// record or command; records, names and commands are parameters. Fixes that are only records use literalFix.

import { keyedFixes } from '../keyed-fix.js';

export const enDnsFixes = {
  // ---- mx ----
  'mx.fix.add-mx': '{mxRecord}\nor, for a domain without mail:\n{nullMxRecord}',
  'mx.fix.remove-null-mx': 'Remove the record "{record}" if the domain receives mail.',
  'mx.fix.ip-literal-placeholder':
    '{name}.  3600  IN  {type}  <public address of the mail server>\n{mxRecord}',
  'mx.fix.add-address': '{host}.  3600  IN  A  <public address of the mail server>\nor remove "{record}"',
  'mx.fix.internal-address':
    '{host}.  3600  IN  A  <public address forwarded to the mail server>  (and remove the internal one)',
  // ---- spf ----
  'spf.fix.publish':
    '{record}   (list every service that sends as {domain}; a domain that sends no mail uses "v=spf1 -all")',
  'spf.fix.merge': 'Merge them into one record: "v=spf1 <all mechanisms of both> -all"',
  // ---- dmarc ----
  'dmarc.fix.external-authorization':
    '{record} (to be published by whoever runs {dest}), or use a report address @{policyDomain}',
  'dmarc.fix.keep-one': 'Delete all but one; keep for example: {record}',
  // ---- dkim ----
  'dkim.fix.rotate-microsoft': 'In Exchange Online PowerShell: {command}',
  'dkim.fix.rotate':
    'Publish a 2048-bit key at a new selector: <new>._domainkey.{domain} TXT "v=DKIM1; k=rsa; p=<base64 public key>", sign with it, then set {subject} to "v=DKIM1; p=".',
  'dkim.fix.remove-s': 'Remove the s= tag or set s=email.',
  'dkim.fix.sha256-sign': 'Sign with rsa-sha256 and remove h= (or set h=sha256).',
  'dkim.fix.sha256': 'Remove h= or set h=sha256.',
  'dkim.fix.testing': 'Remove y from the t= tag once signing works.',
  'dkim.fix.record-shape':
    'Publish the key as TXT at <selector>._domainkey.<domain>: "v=DKIM1; k=rsa; p=<base64 SubjectPublicKeyInfo>" ' +
    '(split into 255-byte strings; verifiers join them without spaces).',
  'dkim.fix.key-type': 'Use k=rsa or k=ed25519.',
  'dkim.fix.one-record': 'Keep exactly one key record per selector.',
  // ---- mta-sts ----
  'mtasts.fix.enforce':
    'In the policy file, set `mode: enforce`; then change the id of the _mta-sts TXT record.',
  'mtasts.fix.add-mx': 'Add to the policy file: {lines}; then change the _mta-sts id.',
  'mtasts.fix.publish':
    'Serve at {url} (Content-Type: text/plain):\n{policy}\nThen publish: {record}\n' +
    'Switch to mode: enforce once TLS-RPT reports are clean.',
  'mtasts.fix.keep-one': 'Keep only one: {record}',
  'mtasts.fix.replace': 'Replace it with: {record}',
  'mtasts.fix.serve': 'Serve instead:\n{policy}',
  'mtasts.fix.max-age': 'Set `max_age: 1209600` and change the _mta-sts id.',
  // ---- tls-rpt ----
  'tlsrpt.fix.publish': 'Publish: {record}',
  'tlsrpt.fix.merge': 'Merge them into one record, e.g. {record}',
  'tlsrpt.fix.replace': 'Replace it with: {record}',
  // ---- bimi ----
  'bimi.fix.dmarc': 'Publish (or strengthen to): {record}',
  'bimi.fix.one-record': 'Publish one record: {record}',
  // ---- dnssec ----
  'dnssec.fix.sign': 'Sign the zone of {zone} at its DNS host and publish its DS record at the registrar.',
  'dnssec.fix.resign':
    'Re-sign the zone of {zone} and make the DS at the parent match its current key (or remove the DS until it does).',
} as const satisfies Readonly<Record<string, string>>;

export type DnsFixKey = keyof typeof enDnsFixes;

/** A DNS check's fix from the catalogue: the English text is the English template with these values. */
export const dnsFix = keyedFixes(enDnsFixes);
