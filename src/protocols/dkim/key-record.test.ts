// Key record parsing and assessment: the dkimpy key records as a table, RSA in SPKI and PKCS#1 form with the
// size read from the key, Ed25519 per RFC 8463, and each way a record can be unusable.

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  assessKeyRecord,
  hashSupport,
  type KeyAssessment,
  looksLikeKeyRecord,
  parseKeyRecord,
} from './key-record.js';
import { decodeKeyData, rsaStrength } from './public-key.js';

const rsaKey = (bits: number, type: 'spki' | 'pkcs1') =>
  generateKeyPairSync('rsa', { modulusLength: bits })
    .publicKey.export({ format: 'der', type })
    .toString('base64');

/** RFC 8463 Appendix A.2: the example Ed25519 public key of selector "brisbane". */
const rfc8463Key = '11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=';

function asKey(assessment: KeyAssessment): KeyAssessment & { kind: 'key' } {
  assert.equal(assessment.kind, 'key', JSON.stringify(assessment));
  return assessment as KeyAssessment & { kind: 'key' };
}

function problemsOf(assessment: KeyAssessment): string {
  assert.equal(assessment.kind, 'invalid', JSON.stringify(assessment));
  return assessment.kind === 'invalid' ? assessment.problems.join('; ') : '';
}

// The key records shipped with dkimpy's test suite (../shared/data/dkim/dkimpy, zlib-style licence).
const dkimpyDir = new URL('../../../../shared/data/dkim/dkimpy/', import.meta.url);
const dkimpy: Record<string, (assessment: KeyAssessment) => void> = {
  'test.txt': (a) => assert.deepEqual(asKey(a).key, { kind: 'rsa', bits: 1024, encoding: 'spki' }),
  // No k=: the key type defaults to rsa.
  'test2.txt': (a) => assert.equal(asKey(a).record.keyType, 'rsa'),
  'test_tlsrpt.txt': (a) => {
    assert.equal(asKey(a).forEmail, false);
    assert.deepEqual(asKey(a).record.serviceTypes, ['tlsrpt']);
  },
  'test_bad.txt': (a) => assert.match(problemsOf(a), /not decode to an RSA public key/),
  'badversion.txt': (a) => assert.match(problemsOf(a), /is not DKIM1/),
  'badk.txt': (a) => {
    assert.equal(a.kind, 'unknown-key-type');
    assert.equal(a.kind === 'unknown-key-type' ? a.record.keyType : '', 'ed25519-sha256');
  },
  // No v=: it is only recommended.
  'ed25519test.dns': (a) => {
    assert.deepEqual(asKey(a).key, { kind: 'ed25519' });
    assert.equal(asKey(a).record.version, undefined);
  },
  'eximtest.dns': (a) => assert.deepEqual(asKey(a).key, { kind: 'ed25519' }),
};

describe('dkimpy key records', () => {
  it('covers every key record file of the vector directory', () => {
    const files = readdirSync(dkimpyDir).filter((name) => /\.(txt|dns)$/.test(name));
    assert.deepEqual(files.sort(), Object.keys(dkimpy).sort());
  });
  for (const [file, expect] of Object.entries(dkimpy)) {
    it(file, () => {
      const text = readFileSync(new URL(file, dkimpyDir), 'utf8').trim();
      assert.equal(looksLikeKeyRecord(text), true);
      expect(assessKeyRecord(text));
    });
  }
});

describe('RSA keys', () => {
  const spki2048 = rsaKey(2048, 'spki');
  const pkcs2048 = rsaKey(2048, 'pkcs1');

  it('reads the size of a SubjectPublicKeyInfo key', () => {
    assert.deepEqual(asKey(assessKeyRecord(`v=DKIM1; k=rsa; p=${spki2048}`)).key, {
      kind: 'rsa',
      bits: 2048,
      encoding: 'spki',
    });
  });

  it('reads the size of a bare PKCS#1 RSAPublicKey', () => {
    assert.deepEqual(asKey(assessKeyRecord(`v=DKIM1; p=${pkcs2048}`)).key, {
      kind: 'rsa',
      bits: 2048,
      encoding: 'pkcs1',
    });
  });

  it('reads 512 and 1024-bit keys and ignores whitespace inside p=', () => {
    const split512 = rsaKey(512, 'spki').replace(/(.{20})/g, '$1 ');
    assert.deepEqual(asKey(assessKeyRecord(`p=${split512}`)).key, {
      kind: 'rsa',
      bits: 512,
      encoding: 'spki',
    });
    assert.deepEqual(asKey(assessKeyRecord(`p=${rsaKey(1024, 'pkcs1')}`)).key, {
      kind: 'rsa',
      bits: 1024,
      encoding: 'pkcs1',
    });
  });

  it('rejects an SPKI key of another algorithm under k=rsa', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    assert.match(problemsOf(assessKeyRecord(`k=rsa; p=${ec}`)), /ec key, not an RSA key/);
  });

  it('classifies strength against RFC 8301', () => {
    assert.equal(rsaStrength(512), 'too-short');
    assert.equal(rsaStrength(1023), 'too-short');
    assert.equal(rsaStrength(1024), 'minimum');
    assert.equal(rsaStrength(2047), 'minimum');
    assert.equal(rsaStrength(2048), 'recommended');
    assert.equal(rsaStrength(4096), 'recommended');
  });
});

describe('Ed25519 keys (RFC 8463)', () => {
  it('accepts the RFC 8463 example key', () => {
    const key = asKey(assessKeyRecord(`v=DKIM1; k=ed25519; p=${rfc8463Key}`));
    assert.deepEqual(key.key, { kind: 'ed25519' });
    assert.equal(key.record.keyType, 'ed25519');
  });

  it('rejects an Ed25519 key wrapped in SubjectPublicKeyInfo', () => {
    const spki = generateKeyPairSync('ed25519')
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    assert.match(problemsOf(assessKeyRecord(`k=ed25519; p=${spki}`)), /bare 32-byte key/);
  });

  it('rejects a key of the wrong length', () => {
    assert.match(problemsOf(assessKeyRecord('k=ed25519; p=AAAA')), /32 bytes, p= holds 3/);
  });
});

describe('record tags', () => {
  const key = rfc8463Key;

  it('treats an empty p= as revoked', () => {
    assert.equal(assessKeyRecord('v=DKIM1; k=rsa; p=').kind, 'revoked');
    assert.equal(assessKeyRecord('v=DKIM1; p= ').kind, 'revoked');
  });

  it('reads the t= flags', () => {
    const testing = asKey(assessKeyRecord(`k=ed25519; t=y:s; p=${key}`));
    assert.equal(testing.testing, true);
    assert.equal(testing.strict, true);
    const plain = asKey(assessKeyRecord(`k=ed25519; t=s:x; p=${key}`));
    assert.equal(plain.testing, false);
  });

  it('reads h= against RFC 8301', () => {
    assert.equal(hashSupport(undefined), 'any');
    assert.equal(hashSupport(['sha1', 'sha256']), 'sha256');
    assert.equal(hashSupport(['sha1']), 'sha1-only');
    assert.equal(hashSupport(['md5']), 'none-known');
    assert.equal(asKey(assessKeyRecord(`k=ed25519; h=SHA1; p=${key}`)).hashes, 'sha1-only');
  });

  it('reads s= service types', () => {
    assert.equal(asKey(assessKeyRecord(`k=ed25519; s=email; p=${key}`)).forEmail, true);
    assert.equal(asKey(assessKeyRecord(`k=ed25519; s=*; p=${key}`)).forEmail, true);
    assert.equal(asKey(assessKeyRecord(`k=ed25519; s=tlsrpt; p=${key}`)).forEmail, false);
  });

  it('requires v= first and equal to DKIM1', () => {
    assert.match(problemsOf(assessKeyRecord(`k=ed25519; v=DKIM1; p=${key}`)), /must be the first tag/);
    assert.match(problemsOf(assessKeyRecord(`v=DKIM2; k=ed25519; p=${key}`)), /v=DKIM2 is not DKIM1/);
  });

  it('requires p=', () => {
    assert.match(problemsOf(assessKeyRecord('v=DKIM1; k=rsa')), /p= tag .* is missing/);
  });

  it('rejects p= that is not base64', () => {
    assert.match(problemsOf(assessKeyRecord('v=DKIM1; p=abc*def')), /not valid base64/);
    assert.deepEqual(decodeKeyData('QU JD'), Buffer.from('ABC'));
    assert.equal(decodeKeyData('QUJ'), undefined, 'unpadded base64 is not base64');
  });

  it('passes the tag-list problems through', () => {
    assert.match(problemsOf(assessKeyRecord(`k=rsa; k=rsa; p=${key}`)), /more than once/);
    assert.equal(parseKeyRecord('v=DKIM1; p=').kind, 'ok');
  });
});

describe('looksLikeKeyRecord', () => {
  const table: [string, boolean][] = [
    ['v=DKIM1; p=', true],
    ['k=rsa; p=AB', true],
    ['p=AB', true],
    ['v=DKIM1: g=*; p=AB', true],
    ['v=spf1 -all', false],
    ['google-site-verification=abc', false],
    ['', false],
  ];
  for (const [text, expected] of table) {
    it(`${JSON.stringify(text)} → ${expected}`, () => assert.equal(looksLikeKeyRecord(text), expected));
  }
});

describe('key inspection memo', () => {
  it('gives the same assessment for a key seen before as for a fresh one', () => {
    const key = rsaKey(1024, 'spki');
    const first = assessKeyRecord(`v=DKIM1; k=rsa; p=${key}`);
    // Same p=, other tags and whitespace inside p=: the record differs, the key inspection is reused.
    const spaced = `${key.slice(0, 20)} ${key.slice(20)}`;
    const second = assessKeyRecord(`v=DKIM1; t=y; p=${spaced}`);
    assert.deepEqual(asKey(first).key, { kind: 'rsa', bits: 1024, encoding: 'spki' });
    assert.deepEqual(asKey(second).key, asKey(first).key);
    assert.equal(asKey(second).testing, true);
  });

  it('keeps the key type in the memo key: the same p= under k=ed25519 is judged as Ed25519', () => {
    const key = rsaKey(1024, 'spki');
    assert.equal(asKey(assessKeyRecord(`k=rsa; p=${key}`)).key.kind, 'rsa');
    assert.match(problemsOf(assessKeyRecord(`k=ed25519; p=${key}`)), /an Ed25519 key is 32 bytes/);
    assert.equal(asKey(assessKeyRecord(`k=ed25519; p=${rfc8463Key}`)).key.kind, 'ed25519');
  });

  it('remembers invalid keys and non-base64 data with the same problems', () => {
    for (let round = 0; round < 2; round += 1) {
      assert.equal(problemsOf(assessKeyRecord('p=QUJ')), 'p= is not valid base64');
      assert.match(problemsOf(assessKeyRecord('p=QUJD')), /does not decode to an RSA public key/);
    }
  });

  it('stays right after many distinct keys have pushed the first one out', () => {
    const key = rsaKey(1024, 'pkcs1');
    assert.deepEqual(asKey(assessKeyRecord(`p=${key}`)).key, { kind: 'rsa', bits: 1024, encoding: 'pkcs1' });
    // 600 distinct invalid p= values (more than the memo holds), then the first key again.
    for (let i = 0; i < 600; i += 1) assessKeyRecord(`p=${Buffer.from(`junk ${i}`).toString('base64')}`);
    assert.deepEqual(asKey(assessKeyRecord(`p=${key}`)).key, { kind: 'rsa', bits: 1024, encoding: 'pkcs1' });
  });
});
