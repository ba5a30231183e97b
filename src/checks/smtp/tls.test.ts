// Weak cipher grading per port: anonymous suites are harmless on the opportunistic port 25 and a fail where
// clients authenticate the server; NULL and EXPORT fail everywhere.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CipherFamilyOutcome, SmtpProbeResult, WeakCipherFamily } from '../../net/smtp/types.js';
import type { ServerObservation } from './observe.js';
import { cipherFindings, type TlsContext } from './tls.js';

const modern = { name: 'ECDHE-ECDSA-AES256-GCM-SHA384', forwardSecrecy: true };

/** Suites OpenSSL names for each family, as a server that accepts it negotiates them. */
const suites: Partial<Record<WeakCipherFamily, string>> = {
  anonymous: 'ADH-AES256-GCM-SHA384',
  null: 'ECDHE-ECDSA-NULL-SHA',
  export: 'EXP-RC4-MD5',
  rc4: 'ECDHE-RSA-RC4-SHA',
};

function observation(port: number, accepted: readonly WeakCipherFamily[]): ServerObservation {
  const target = { address: '192.0.2.1', port, heloName: 'telltale.invalid', tls: 'starttls' as const };
  const families: CipherFamilyOutcome[] = (['null', 'anonymous', 'export', 'rc4'] as const).map((family) =>
    accepted.includes(family)
      ? {
          kind: 'accepted',
          family,
          protocol: 'TLSv1.2',
          cipher: { name: suites[family] ?? family, forwardSecrecy: false },
        }
      : { kind: 'refused', family, reason: 'handshake failure' },
  );
  const probe: SmtpProbeResult = {
    kind: 'error',
    target,
    dialled: { address: '127.0.0.1', port },
    transcript: [],
    durationMs: 1,
    failure: { kind: 'refused', stage: 'connect', detail: 'not used by the cipher grading' },
    facts: {},
  };
  return {
    endpoint: { address: '192.0.2.1', port, tls: 'starttls' },
    probe,
    versions: [],
    ciphers: { target, families, preferred: { protocol: 'TLSv1.3', cipher: modern }, transcripts: [] },
    relay: { kind: 'disabled' },
  };
}

const context = (dane: 'none' | 'ee'): TlsContext => ({
  subject: '192.0.2.1',
  where: 'mx.example.com (192.0.2.1:25)',
  names: ['mx.example.com'],
  now: new Date('2025-01-01T00:00:00Z'),
  strictness: { mtaStsEnforce: false, dane },
});

const verdicts = (port: number, accepted: readonly WeakCipherFamily[], dane: 'none' | 'ee' = 'none') =>
  cipherFindings(observation(port, accepted), context(dane)).map(
    (f) => `${f.status} ${f.severity} ${f.messageKey}`,
  );

describe('weak cipher grading', () => {
  it('anonymous suites on port 25: a pass that names them, with or without DANE', () => {
    for (const dane of ['none', 'ee'] as const) {
      assert.deepEqual(verdicts(25, ['anonymous'], dane), ['pass info smtp.tls.anonymous-port-25']);
    }
    const [pass] = cipherFindings(observation(25, ['anonymous']), context('none'));
    assert.match(pass?.message ?? '', /aNULL: ADH-AES256-GCM-SHA384 \(TLSv1\.2\)/);
  });

  it('anonymous suites on the submission ports: a high fail', () => {
    for (const port of [587, 465])
      assert.deepEqual(verdicts(port, ['anonymous']), ['fail high smtp.tls.weak-accepted']);
  });

  it('NULL and EXPORT stay a high fail on port 25; anonymous is not listed beside them there', () => {
    assert.deepEqual(verdicts(25, ['null', 'anonymous']), ['fail high smtp.tls.weak-accepted']);
    assert.deepEqual(verdicts(25, ['export']), ['fail high smtp.tls.weak-accepted']);
    const [fail] = cipherFindings(observation(25, ['null', 'anonymous']), context('none'));
    assert.doesNotMatch(fail?.message ?? '', /aNULL/);
  });

  it('RC4 with anonymous on port 25 is the usual port-25 warn', () => {
    assert.deepEqual(verdicts(25, ['rc4', 'anonymous']), ['warn low smtp.tls.weak-accepted']);
  });

  it('nothing weak accepted: the plain pass', () => {
    assert.deepEqual(verdicts(25, []), ['pass info smtp.tls.ciphers-ok']);
  });
});
