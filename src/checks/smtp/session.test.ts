// Session-level verdicts as tables over real server replies: which banners name their software, and when VRFY
// answers tell an existing mailbox from an unknown one.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SmtpReply, VrfyAnswer } from '../../net/smtp/types.js';
import { bannerOfReplies, type VrfyVerdict, vrfyVerdict } from './session.js';

/** The text after "220 " of real greetings (and of the first EHLO line where given). */
const banners: readonly {
  readonly label: string;
  readonly greeting: readonly string[];
  readonly ehlo?: readonly string[];
  readonly software?: string;
  readonly version?: string;
}[] = [
  {
    label: 'Postfix, Debian default smtpd_banner',
    greeting: ['mail.example.org ESMTP Postfix (Debian/GNU)'],
    software: 'Postfix',
  },
  {
    label: 'Postfix with mail_version',
    greeting: ['mx.example.org ESMTP Postfix 3.7.11'],
    software: 'Postfix',
    version: '3.7.11',
  },
  {
    label: 'Exim 4.96, Debian default smtp_banner',
    greeting: ['mx.example.net ESMTP Exim 4.96 Mon, 01 Jan 2024 10:00:00 +0000'],
    software: 'Exim',
    version: '4.96',
  },
  {
    label: 'Exchange',
    greeting: [
      'EXCH01.corp.example.com Microsoft ESMTP MAIL Service ready at Mon, 1 Jan 2024 10:00:00 +0100',
    ],
    software: 'Microsoft Exchange / IIS SMTP',
  },
  {
    label: 'IIS SMTP with its version',
    greeting: [
      'smtp.example.com Microsoft ESMTP MAIL Service, Version: 10.0.17763.1 ready at Mon, 1 Jan 2024',
    ],
    software: 'Microsoft Exchange / IIS SMTP',
    version: '10.0.17763.1',
  },
  {
    label: 'Sendmail 8.17',
    greeting: ['mail.example.com ESMTP Sendmail 8.17.1.9/8.17.1.9; Mon, 1 Jan 2024 10:00:00 GMT'],
    software: 'Sendmail',
    version: '8.17.1.9',
  },
  {
    label: 'Zimbra (its MTA is Postfix)',
    greeting: ['zimbra.example.com ESMTP Postfix'],
    software: 'Postfix',
  },
  { label: 'a quiet banner', greeting: ['mx.example.com ESMTP'] },
  { label: 'host named postfix', greeting: ['mx.postfix.test ESMTP'] },
  { label: 'host name starts with postfix', greeting: ['postfix.example.com ESMTP ready'] },
  { label: 'exim in the host name', greeting: ['exim.example.net ESMTP'], ehlo: ['exim.example.net Hello'] },
  { label: 'zimbra host', greeting: ['zimbra.example.com ESMTP service ready'] },
  { label: 'sendmail host, hyphenated', greeting: ['sendmail-gw.example.com ESMTP'] },
  {
    label: 'a product name as a label of a name later in the line',
    greeting: ['mx.example.com ESMTP relay for mail.exim.example.org'],
  },
  {
    label: 'host name in the EHLO reply only',
    greeting: ['mx.example.com ESMTP'],
    ehlo: ['postfix.example.com Hello telltale.invalid'],
  },
  {
    label: 'software named in the EHLO reply',
    greeting: ['mx.example.com ESMTP'],
    ehlo: ['mx.example.com Hello telltale.invalid, this is Exim 4.97'],
    software: 'Exim',
    version: '4.97',
  },
  {
    label: 'second greeting line (no host name there)',
    greeting: ['mx.example.com ESMTP', 'Postfix at your service.'],
    software: 'Postfix',
  },
];

describe('banner software detection', () => {
  for (const { label, greeting, ehlo, software, version } of banners) {
    it(label, () => {
      const found = bannerOfReplies(greeting, ehlo ?? []);
      assert.equal(found?.software, software);
      assert.equal(found?.version, version);
      if (found !== undefined) assert.ok([...greeting, ...(ehlo ?? [])].includes(found.line));
    });
  }
});

const reply = (text: string): SmtpReply => {
  const code = Number(text.slice(0, 3));
  return { code, lines: [text.slice(4)] };
};
const known = (text: string): VrfyAnswer => ({ argument: 'postmaster', reply: reply(text) });
const unknown = (text: string): VrfyAnswer => ({
  argument: 'telltale-probe-0123456789ab',
  reply: reply(text),
});

/** Replies of real servers (RFC 5321 §3.5.3 codes) and the verdict each pair must get. */
const vrfyCases: readonly {
  readonly label: string;
  readonly known: string;
  readonly unknown?: string;
  readonly verdict: VrfyVerdict['kind'];
}[] = [
  {
    label: 'Postfix, disable_vrfy_command = no',
    known: '252 2.0.0 postmaster',
    unknown: '550 5.1.1 <telltale-probe-0123456789ab>: Recipient address rejected: User unknown',
    verdict: 'enumerates',
  },
  {
    label: 'Postfix, disable_vrfy_command = yes',
    known: '502 5.5.1 VRFY command is disabled',
    unknown: '502 5.5.1 VRFY command is disabled',
    verdict: 'same',
  },
  {
    label: 'Exchange',
    known: '252 2.1.5 Cannot VRFY user',
    unknown: '252 2.1.5 Cannot VRFY user',
    verdict: 'same',
  },
  {
    label: 'confirms the known name only',
    known: '250 2.1.5 Postmaster <postmaster@example.com>',
    unknown: '550 5.1.1 unknown',
    verdict: 'confirms',
  },
  {
    label: 'a catch-all that confirms any name with its address',
    known: '250 2.1.5 <postmaster@example.com>',
    unknown: '250 2.1.5 <telltale-probe-0123456789ab@example.com>',
    verdict: 'confirms',
  },
  {
    label: 'will forward (251) a random name',
    known: '252 2.0.0 postmaster',
    unknown: '251 2.1.5 User not local; will forward to <x@example.net>',
    verdict: 'confirms',
  },
  { label: 'denies both', known: '550 5.1.1 unknown', unknown: '550 5.1.1 unknown', verdict: 'same' },
  {
    label: 'ambiguous (553) only for the random name',
    known: '252 2.0.0 ok',
    unknown: '553 5.1.3 ambiguous',
    verdict: 'enumerates',
  },
  {
    label: 'authentication required for both',
    known: '530 5.7.0 Must issue a STARTTLS command first',
    unknown: '530 5.7.0 Must issue a STARTTLS command first',
    verdict: 'same',
  },
  {
    label: 'refused, the session ended before the random name',
    known: '502 5.5.1 VRFY command is disabled',
    verdict: 'refused',
  },
  { label: '252 for postmaster, nothing more', known: '252 2.0.0 postmaster', verdict: 'incomplete' },
  {
    label: '250 for postmaster, nothing more',
    known: '250 2.0.0 <postmaster@example.com>',
    verdict: 'confirms',
  },
];

describe('VRFY verdict from a known mailbox and a random name', () => {
  for (const item of vrfyCases) {
    it(item.label, () => {
      const verdict = vrfyVerdict(
        known(item.known),
        item.unknown === undefined ? undefined : unknown(item.unknown),
      );
      assert.equal(verdict.kind, item.verdict);
    });
  }
});
