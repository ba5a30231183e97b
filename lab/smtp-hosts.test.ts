import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NodeSmtpProber } from '../src/net/smtp/prober.js';
import { startLab } from './lab.js';
import { parseSmtpHost } from './smtp-hosts.js';
import { avIds, ntlmChallengeMessage, oldMillNtlmIdentity } from './smtp-ntlm.js';

/** AV pairs of a CHALLENGE message, read back per MS-NLMP §2.2.2.1. */
function avPairs(message: Buffer): Map<number, Buffer> {
  const length = message.readUInt16LE(40);
  const offset = message.readUInt32LE(44);
  const pairs = new Map<number, Buffer>();
  for (let at = offset; at < offset + length; ) {
    const id = message.readUInt16LE(at);
    const size = message.readUInt16LE(at + 2);
    pairs.set(id, message.subarray(at + 4, at + 4 + size));
    at += 4 + size;
    if (id === avIds.eol) break;
  }
  return pairs;
}

describe('the lab NTLM challenge', () => {
  it('is a well-formed MS-NLMP CHALLENGE message with the identity in its target info and version', () => {
    const challenge = Buffer.from('0123456789abcdef', 'hex');
    const message = ntlmChallengeMessage(oldMillNtlmIdentity, challenge, new Date('2024-01-01T00:00:00Z'));
    assert.equal(message.subarray(0, 8).toString('latin1'), 'NTLMSSP\0');
    assert.equal(message.readUInt32LE(8), 2);
    const nameLength = message.readUInt16LE(12);
    const nameOffset = message.readUInt32LE(16);
    assert.equal(message.subarray(nameOffset, nameOffset + nameLength).toString('utf16le'), 'OLDMILL');
    assert.deepEqual(message.subarray(24, 32), challenge);
    const pairs = avPairs(message);
    assert.equal(pairs.get(avIds.nbDomainName)?.toString('utf16le'), 'OLDMILL');
    assert.equal(pairs.get(avIds.nbComputerName)?.toString('utf16le'), 'EXCH01');
    assert.equal(pairs.get(avIds.dnsDomainName)?.toString('utf16le'), 'oldmill.local');
    assert.equal(pairs.get(avIds.dnsComputerName)?.toString('utf16le'), 'EXCH01.oldmill.local');
    assert.equal(pairs.get(avIds.dnsTreeName)?.toString('utf16le'), 'oldmill.local');
    // 2024-01-01 as FILETIME (100 ns since 1601): 133485408000000000.
    assert.equal(pairs.get(avIds.timestamp)?.readBigUInt64LE(), 133485408000000000n);
    assert.equal(pairs.get(avIds.eol)?.length, 0);
    assert.deepEqual([message[48], message[49], message.readUInt16LE(50), message[55]], [10, 0, 14393, 0x0f]);
  });
});

describe('lab SMTP hosts from zone data', () => {
  it('defaults to a well-run Postfix and refuses unknown values', () => {
    const spec = parseSmtpHost('MX.Example.test.', {}, 'test');
    assert.equal(spec.name, 'mx.example.test');
    assert.equal(spec.dialect, 'postfix');
    assert.equal(spec.tls, 'modern');
    assert.equal(spec.relay, 'closed');
    assert.deepEqual(spec.localDomains, ['example.test']);
    assert.throws(() => parseSmtpHost('mx.test', { tls: 'sslv2' }, 'test'), /tls: expected one of/);
    assert.throws(() => parseSmtpHost('mx.test', { ntlm: 'nobody' }, 'test'), /unknown identity/);
  });

  it('the demo companies: Brightwater over IPv4 and IPv6 to good servers, Old Mill to its Exchange', async () => {
    const lab = await startLab();
    try {
      const prober = new NodeSmtpProber({
        addressMap: lab.addressMap,
        extraCas: lab.trustedCas,
        limits: { connectTimeoutMs: 1000, greetingTimeoutMs: 1000, commandTimeoutMs: 1000 },
      });
      for (const address of ['192.0.2.25', '2001:db8:b::26']) {
        const result = await prober.probe({
          address,
          port: 25,
          serverName: 'mx1.brightwater.test',
          heloName: 'probe.test',
        });
        assert.equal(result.kind, 'ok', address);
        if (result.kind === 'ok') assert.equal(result.facts.starttls?.kind, 'ok');
      }
      const oldMill = await prober.probe(
        { address: '203.0.113.25', port: 25, serverName: 'mail.oldmill.test', heloName: 'probe.test' },
        { ntlm: true },
      );
      assert.equal(oldMill.kind, 'ok');
      if (oldMill.kind !== 'ok') return;
      assert.match(oldMill.facts.greeting.lines[0] ?? '', /Microsoft ESMTP MAIL Service/);
      assert.deepEqual(oldMill.facts.ehlo.extensions.auth, ['NTLM', 'LOGIN']);
      assert.equal(oldMill.facts.ntlm?.kind, 'challenge');
      const tls = oldMill.facts.starttls;
      assert.equal(tls?.kind, 'ok');
      if (tls?.kind === 'ok') {
        assert.equal(tls.session.chain[0]?.selfSigned, true);
        assert.equal(tls.session.hostname?.matches, false);
      }
      const legacy = await prober.probeTlsVersion(
        { address: '203.0.113.25', port: 25, serverName: 'mail.oldmill.test', heloName: 'probe.test' },
        'TLSv1',
      );
      assert.equal(legacy.kind, 'accepted');
    } finally {
      await lab.stop();
    }
  });
});
