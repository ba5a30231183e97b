import 'reflect-metadata';
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as x509 from '@peculiar/x509';
import { createTestCa, type TestCa } from '../../../lab/test-ca.js';
import {
  assessRecord,
  associationData,
  matchTlsa,
  presentTlsa,
  recommendedRecord,
  type TlsaFields,
} from './tlsa.js';

const der = (pem: string): Uint8Array => new X509Certificate(pem).raw;
const pems = (chainPem: string): string[] =>
  chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
const sha = (algorithm: 'sha256' | 'sha512', bytes: Uint8Array | ArrayBuffer): Buffer =>
  createHash(algorithm)
    .update(Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes))
    .digest();
const tlsa = (usage: number, selector: number, matchingType: number, data: Uint8Array): TlsaFields => ({
  usage,
  selector,
  matchingType,
  data,
});

describe('TLSA record usability for SMTP (RFC 7672 §3.1)', () => {
  const digest = new Uint8Array(32);
  it('accepts DANE-TA(2) and DANE-EE(3) with known selectors and matching types', () => {
    assert.equal(assessRecord(tlsa(3, 1, 1, digest)).kind, 'usable');
    assert.equal(assessRecord(tlsa(2, 0, 2, new Uint8Array(64))).kind, 'usable');
    assert.equal(assessRecord(tlsa(3, 0, 0, new Uint8Array(300))).kind, 'usable');
  });
  it('treats PKIX-TA(0) and PKIX-EE(1) as unusable for SMTP (§3.1.3)', () => {
    assert.deepEqual(assessRecord(tlsa(0, 1, 1, digest)), {
      kind: 'unusable',
      record: tlsa(0, 1, 1, digest),
      reason: 'pkix-usage',
    });
    assert.equal(assessRecord(tlsa(1, 1, 1, digest)).kind, 'unusable');
  });
  it('rejects unknown fields and digests of the wrong length', () => {
    const reason = (record: TlsaFields): string | undefined => {
      const result = assessRecord(record);
      return result.kind === 'unusable' ? result.reason : undefined;
    };
    assert.equal(reason(tlsa(4, 1, 1, digest)), 'unknown-usage');
    assert.equal(reason(tlsa(3, 2, 1, digest)), 'unknown-selector');
    assert.equal(reason(tlsa(3, 1, 3, digest)), 'unknown-matching-type');
    assert.equal(reason(tlsa(3, 1, 1, new Uint8Array(31))), 'bad-digest-length');
    assert.equal(reason(tlsa(3, 1, 2, digest)), 'bad-digest-length');
  });
});

describe('matching a presented chain', () => {
  let ca: TestCa;
  let leaf: Uint8Array;
  let root: Uint8Array;
  let renewed: Uint8Array;
  let otherKey: Uint8Array;
  let selfSigned: Uint8Array;
  before(async () => {
    ca = await createTestCa();
    const issued = await ca.issue({ names: ['mx1.dane.test'] });
    const [leafPem = '', rootPem = ''] = pems(issued.chainPem);
    leaf = der(leafPem);
    root = der(rootPem);
    // The lab reuses one key per algorithm: a renewal keeps the key (SPKI) and changes the certificate.
    renewed = der(
      (await ca.issue({ names: ['mx1.dane.test'], notAfter: new Date(Date.now() + 200 * 86_400_000) }))
        .certificatePem,
    );
    otherKey = der((await ca.issue({ names: ['mx1.dane.test'], keyAlgorithm: 'ecdsa-p256' })).certificatePem);
    selfSigned = der(
      (await ca.issue({ names: ['other.test'], selfSigned: true, keyAlgorithm: 'ecdsa-p256' }))
        .certificatePem,
    );
  });

  it('computes association data as an independent X.509 parser does', () => {
    const parsed = new X509Certificate(Buffer.from(leaf));
    const peculiar = new x509.X509Certificate(Buffer.from(leaf));
    const spki = new Uint8Array(peculiar.publicKey.rawData);
    assert.deepEqual(associationData(parsed, 0, 0), Buffer.from(leaf));
    assert.deepEqual(associationData(parsed, 1, 0), Buffer.from(spki));
    assert.deepEqual(associationData(parsed, 1, 1), sha('sha256', spki));
    assert.deepEqual(associationData(parsed, 0, 2), sha('sha512', leaf));
  });

  it('matches DANE-EE 3 1 1 on the leaf key, across a renewal with the same key', () => {
    const record = tlsa(
      3,
      1,
      1,
      sha('sha256', new x509.X509Certificate(Buffer.from(leaf)).publicKey.rawData),
    );
    assert.equal(matchTlsa([record], [leaf, root], ['mx1.dane.test']).kind, 'match');
    assert.equal(matchTlsa([record], [renewed, root], ['mx1.dane.test']).kind, 'match');
    // DANE-EE ignores names: a self-signed leaf for another name matches its own 3 1 1.
    const own = recommendedRecord(selfSigned);
    assert.ok(own);
    assert.equal(matchTlsa([own], [selfSigned], ['mx1.dane.test']).kind, 'match');
  });

  it('reports the classic outage: 3 0 1 of the old certificate after a renewal', () => {
    const stale = tlsa(3, 0, 1, sha('sha256', leaf));
    const verdict = matchTlsa([stale], [renewed, root], ['mx1.dane.test']);
    assert.equal(verdict.kind, 'mismatch');
    assert.equal(verdict.kind === 'mismatch' ? verdict.results[0]?.kind : undefined, 'no-match');
  });

  it('reports a 3 1 1 for a key the server no longer uses as a mismatch', () => {
    const record = recommendedRecord(leaf);
    assert.ok(record);
    assert.equal(matchTlsa([record], [otherKey, root], ['mx1.dane.test']).kind, 'mismatch');
    assert.equal(presentTlsa(record).startsWith('3 1 1 '), true);
  });

  it('matches DANE-TA 2 0 1 and 2 1 1 on the root the server sent, with the name checked', () => {
    const rootSpki = new x509.X509Certificate(Buffer.from(root)).publicKey.rawData;
    for (const record of [tlsa(2, 0, 1, sha('sha256', root)), tlsa(2, 1, 1, sha('sha256', rootSpki))]) {
      const verdict = matchTlsa([record], [leaf, root], ['mx1.dane.test']);
      assert.equal(verdict.kind, 'match');
      assert.equal(verdict.kind === 'match' ? verdict.matched.certificateIndex : -1, 1);
      const wrongName = matchTlsa([record], [leaf, root], ['mx2.dane.test']);
      assert.equal(
        wrongName.kind === 'mismatch' ? wrongName.results[0]?.kind : wrongName.kind,
        'name-mismatch',
      );
    }
  });

  it('accepts 2 1 0 (the full key) when the server omits the anchor itself', () => {
    const rootSpki = new Uint8Array(new x509.X509Certificate(Buffer.from(root)).publicKey.rawData);
    assert.equal(matchTlsa([tlsa(2, 1, 0, rootSpki)], [leaf], ['mx1.dane.test']).kind, 'match');
    assert.equal(
      matchTlsa([tlsa(2, 1, 1, sha('sha256', rootSpki))], [leaf], ['mx1.dane.test']).kind,
      'mismatch',
    );
  });

  it('does not let DANE-TA match the leaf, nor a CA the leaf does not chain to', () => {
    assert.equal(
      matchTlsa([tlsa(2, 0, 1, sha('sha256', leaf))], [leaf, root], ['mx1.dane.test']).kind,
      'mismatch',
    );
    const verdict = matchTlsa(
      [tlsa(2, 0, 1, sha('sha256', selfSigned))],
      [leaf, selfSigned],
      ['mx1.dane.test'],
    );
    assert.equal(verdict.kind === 'mismatch' ? verdict.results[0]?.kind : verdict.kind, 'broken-chain');
  });

  it('one matching record among stale ones is enough (a rollover in progress)', () => {
    const stale = tlsa(3, 0, 1, sha('sha256', leaf));
    const fresh = tlsa(3, 0, 1, sha('sha256', renewed));
    assert.equal(matchTlsa([stale, fresh], [renewed, root], ['mx1.dane.test']).kind, 'match');
  });

  it('says so when every record is unusable, and when the chain cannot be read', () => {
    const verdict = matchTlsa([tlsa(1, 1, 1, sha('sha256', leaf))], [leaf], ['mx1.dane.test']);
    assert.equal(verdict.kind, 'no-usable-records');
    assert.equal(
      matchTlsa([tlsa(3, 1, 1, new Uint8Array(32))], [new Uint8Array([1, 2, 3])], []).kind,
      'unparsable-chain',
    );
    assert.equal(matchTlsa([tlsa(3, 1, 1, new Uint8Array(32))], [], []).kind, 'unparsable-chain');
  });
});
