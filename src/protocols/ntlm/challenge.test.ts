import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  buildNtlmChallenge,
  decodeBase64Token,
  decodeNtlmChallenge,
  encodeNtlmNegotiate,
  isNtlmNegotiate,
  ntlmFlags,
  ntlmNegotiateHeader,
  ntlmTokenFromHeader,
} from './challenge.js';

/** Little-endian helpers to lay out a message by hand, byte by byte, from MS-NLMP 2.2.1.2. */
const le16 = (value: number): number[] => [value & 0xff, value >>> 8];
const le32 = (value: number): number[] => [...le16(value & 0xffff), ...le16(value >>> 16)];
const utf16 = (text: string): number[] => [...text].flatMap((char) => le16(char.charCodeAt(0)));
const av = (id: number, value: number[]): number[] => [...le16(id), ...le16(value.length), ...value];

/** A challenge as an Exchange 2016 on Server 2016 (10.0.14393) would send it, written out field by field. */
function handBuiltChallenge(): Uint8Array {
  const name = utf16('OLDMILL');
  // 2021-03-01T12:00:00Z as FILETIME: (ms + 11644473600000) * 10000.
  const ticks = (BigInt(Date.UTC(2021, 2, 1, 12)) + 11_644_473_600_000n) * 10_000n;
  const filetime = [...le32(Number(ticks & 0xffffffffn)), ...le32(Number(ticks >> 32n))];
  const info = [
    ...av(2, utf16('OLDMILL')),
    ...av(1, utf16('EX2016')),
    ...av(4, utf16('oldmill.local')),
    ...av(3, utf16('EX2016.oldmill.local')),
    ...av(5, utf16('oldmill.local')),
    ...av(7, filetime),
    ...av(0, []),
  ];
  const flags = 0xa2898215; // UNICODE|REQUEST_TARGET|SIGN|NTLM|ALWAYS_SIGN|TYPE_DOMAIN|ESS|TARGET_INFO|VERSION|128|56
  return new Uint8Array([
    ...[0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00],
    ...le32(2),
    ...le16(name.length),
    ...le16(name.length),
    ...le32(56),
    ...le32(flags),
    ...[1, 2, 3, 4, 5, 6, 7, 8],
    ...[0, 0, 0, 0, 0, 0, 0, 0],
    ...le16(info.length),
    ...le16(info.length),
    ...le32(56 + name.length),
    ...[10, 0, ...le16(14393), 0, 0, 0, 15],
    ...name,
    ...info,
  ]);
}

describe('decodeNtlmChallenge', () => {
  it('reads every field of a challenge laid out by hand from the spec', () => {
    const result = decodeNtlmChallenge(handBuiltChallenge());
    assert.equal(result.kind, 'challenge');
    if (result.kind !== 'challenge') return;
    const { challenge } = result;
    assert.equal(challenge.flags, 0xa2898215);
    assert.ok(challenge.flagNames.includes('negotiateVersion'));
    assert.ok(challenge.flagNames.includes('targetTypeDomain'));
    assert.ok(!challenge.flagNames.includes('targetTypeServer'));
    assert.equal(challenge.targetName, 'OLDMILL');
    assert.equal(challenge.serverChallenge, '0102030405060708');
    assert.deepEqual(challenge.version, { major: 10, minor: 0, build: 14393, ntlmRevision: 15 });
    assert.equal(challenge.targetInfo?.nbDomainName, 'OLDMILL');
    assert.equal(challenge.targetInfo?.nbComputerName, 'EX2016');
    assert.equal(challenge.targetInfo?.dnsDomainName, 'oldmill.local');
    assert.equal(challenge.targetInfo?.dnsComputerName, 'EX2016.oldmill.local');
    assert.equal(challenge.targetInfo?.dnsTreeName, 'oldmill.local');
    assert.equal(challenge.targetInfo?.timestamp, '2021-03-01T12:00:00.000Z');
    assert.deepEqual(
      challenge.targetInfo?.pairs.map((pair) => pair.id),
      [2, 1, 4, 3, 5, 7],
    );
  });

  it('round-trips what buildNtlmChallenge writes', () => {
    const bytes = buildNtlmChallenge({
      targetName: 'CONTOSO',
      nbDomainName: 'CONTOSO',
      nbComputerName: 'EXCH01',
      dnsDomainName: 'corp.contoso.com',
      dnsComputerName: 'exch01.corp.contoso.com',
      dnsTreeName: 'contoso.com',
      timestamp: new Date('2024-05-06T07:08:09.000Z'),
      version: { major: 10, minor: 0, build: 17763 },
    });
    const result = decodeNtlmChallenge(bytes);
    assert.equal(result.kind, 'challenge');
    if (result.kind !== 'challenge') return;
    assert.equal(result.challenge.targetName, 'CONTOSO');
    assert.deepEqual(result.challenge.version, { major: 10, minor: 0, build: 17763, ntlmRevision: 15 });
    assert.equal(result.challenge.targetInfo?.dnsComputerName, 'exch01.corp.contoso.com');
    assert.equal(result.challenge.targetInfo?.dnsTreeName, 'contoso.com');
    assert.equal(result.challenge.targetInfo?.timestamp, '2024-05-06T07:08:09.000Z');
  });

  it('omits the version when the VERSION flag is not set', () => {
    const bytes = buildNtlmChallenge({ targetName: 'X', nbComputerName: 'Y' });
    const result = decodeNtlmChallenge(bytes);
    assert.equal(result.kind, 'challenge');
    if (result.kind === 'challenge') assert.equal(result.challenge.version, undefined);
  });

  it('reads an OEM target name when the Unicode flag is absent', () => {
    const bytes = buildNtlmChallenge({ targetName: 'AB', flags: ntlmFlags.negotiateOem });
    // Overwrite the UTF-16 name "A\0B\0" with OEM "AB" and a length of 2.
    bytes[12] = 2;
    bytes[14] = 2;
    const result = decodeNtlmChallenge(bytes);
    assert.equal(result.kind, 'challenge');
    if (result.kind === 'challenge') assert.equal(result.challenge.targetName, 'A\u0000');
  });

  it('rejects the wrong signature, type, truncations and out-of-range buffers with a reason', () => {
    const good = handBuiltChallenge();
    const cases: [string, Uint8Array][] = [
      ['empty', new Uint8Array(0)],
      ['short', good.subarray(0, 20)],
      ['signature', Uint8Array.from(good, (byte, index) => (index === 0 ? 0x41 : byte))],
      ['type', Uint8Array.from(good, (byte, index) => (index === 8 ? 3 : byte))],
      ['name past end', Uint8Array.from(good, (byte, index) => (index === 16 ? 0xff : byte))],
      ['info truncated', good.subarray(0, good.length - 30)],
      ['negotiate instead', encodeNtlmNegotiate()],
    ];
    for (const [label, bytes] of cases) {
      const result = decodeNtlmChallenge(bytes);
      assert.equal(result.kind, 'invalid', label);
      if (result.kind === 'invalid') assert.ok(result.reason.length > 0, label);
    }
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decodeNtlmChallenge(bytes);
        assert.ok(result.kind === 'challenge' || result.kind === 'invalid');
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on mutated real challenges', () => {
    const base = handBuiltChallenge();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat(base.length),
        (edits, cut) => {
          const bytes = base.slice(0, Math.max(cut, 8));
          for (const [index, value] of edits) if (index < bytes.length) bytes[index] = value;
          const result = decodeNtlmChallenge(bytes);
          assert.ok(result.kind === 'challenge' || result.kind === 'invalid');
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('NTLM negotiate and headers', () => {
  it('encodes a 40-byte type 1 with no domain or workstation', () => {
    const bytes = encodeNtlmNegotiate();
    assert.equal(bytes.length, 40);
    assert.ok(isNtlmNegotiate(bytes));
    assert.equal(Buffer.from(bytes.subarray(0, 8)).toString('latin1'), 'NTLMSSP\u0000');
    assert.equal(Buffer.from(bytes).readUInt32LE(12), 0xa2088207);
    assert.equal(Buffer.from(bytes).readUInt16LE(16), 0);
    assert.equal(Buffer.from(bytes).readUInt16LE(24), 0);
  });

  it('finds the NTLM token among joined WWW-Authenticate challenges', () => {
    const challenge = buildNtlmChallenge({ targetName: 'T' });
    const header = `Negotiate, NTLM ${Buffer.from(challenge).toString('base64')}, Basic realm="x"`;
    assert.deepEqual(ntlmTokenFromHeader(header), challenge);
    assert.equal(ntlmTokenFromHeader('Negotiate, NTLM'), undefined);
    assert.equal(ntlmTokenFromHeader(undefined), undefined);
    assert.equal(ntlmTokenFromHeader('NTLM not*base64'), undefined);
    assert.ok(ntlmNegotiateHeader().startsWith('NTLM TlRMTVNTUAAB'));
    assert.equal(decodeBase64Token('A'.repeat(10_000)), undefined);
  });
});
