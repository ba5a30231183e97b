// DANE finding messages agree in number with the TLSA records they count, in English and in French.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { frSmtpFindings } from '../../i18n/fr/smtp-findings.js';
import { formatMessage } from '../../i18n/message-format.js';
import { daneMessages } from './dane.js';

const french = (message: { messageKey: string; messageParams: Record<string, string | number> }): string =>
  formatMessage(
    frSmtpFindings[message.messageKey as keyof typeof frSmtpFindings],
    message.messageParams,
    'fr',
  );

const one = '3 1 1 aa';
const two = [one, '3 1 1 bb'];

describe('DANE messages count their records', () => {
  it('one validated record is singular, two are plural', () => {
    const single = daneMessages.authenticated('_25._tcp.mx.example.com', 1);
    assert.equal(single.message, 'The TLSA record at _25._tcp.mx.example.com is DNSSEC-validated (AD bit).');
    assert.equal(
      french(single),
      'L’enregistrement TLSA de _25._tcp.mx.example.com est validé par DNSSEC (bit AD).',
    );
    const many = daneMessages.authenticated('_25._tcp.mx.example.com', 2);
    assert.equal(
      many.message,
      'The 2 TLSA records at _25._tcp.mx.example.com are DNSSEC-validated (AD bit).',
    );
    assert.match(french(many), /^Les 2 enregistrements TLSA de .* sont validés/);
  });

  it('a mismatch and unusable records name one record or count several', () => {
    assert.match(
      daneMessages.mismatch('mx', [one], undefined).message,
      /does not match the TLSA record \(3 1 1 aa\)/,
    );
    assert.match(daneMessages.mismatch('mx', two, undefined).message, /matches none of the 2 TLSA records/);
    assert.match(
      french(daneMessages.mismatch('mx', [one], undefined)),
      /ne correspond pas à l’enregistrement TLSA \(/,
    );
    assert.match(
      daneMessages.noUsable('mx', [one]).message,
      /^The TLSA record for mx is not usable for SMTP/,
    );
    assert.match(daneMessages.noUsable('mx', two).message, /^None of the 2 TLSA records for mx is usable/);
    assert.match(
      french(daneMessages.noUsable('mx', two)),
      /^Aucun des 2 enregistrements TLSA de mx n’est utilisable/,
    );
  });
});
