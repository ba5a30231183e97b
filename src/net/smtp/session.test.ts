import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TableAddressMap } from '../address-map.js';
import { NodeSmtpProber } from './prober.js';
import { startTestMailHosts, type TestMailHosts } from './test-lab.js';
import type { SmtpProbeResult } from './types.js';

const fast = {
  connectTimeoutMs: 1000,
  greetingTimeoutMs: 1000,
  commandTimeoutMs: 1000,
  sessionBudgetMs: 5000,
};

function facts(result: SmtpProbeResult) {
  assert.equal(result.kind, 'ok', result.kind === 'error' ? result.failure.detail : '');
  if (result.kind !== 'ok') throw new Error('unreachable');
  return result.facts;
}

describe('SMTP sessions against the lab servers', () => {
  let lab: TestMailHosts;
  before(async () => {
    lab = await startTestMailHosts({
      'mx.good.test': { localDomains: ['good.test'], auth: true },
      'mx.exchange.test': {
        dialect: 'exchange',
        tls: 'legacy',
        authBeforeTls: true,
        ntlm: 'oldmill',
        relay: 'open',
      },
      'mx.tls10.test': { tls: 'tls1.0-only' },
      'mx.expired.test': { certificate: 'expired' },
      'mx.wrong-name.test': { certificate: 'wrong-name' },
      'mx.self-signed.test': { certificate: 'self-signed' },
      'mx.weak-key.test': { keyAlgorithm: 'rsa-1024' },
      'mx.tarpit.test': { behaviour: 'tarpit', tarpitDelayMs: 1000 },
      'mx.garbage.test': { behaviour: 'garbage' },
      'mx.long-line.test': { behaviour: 'long-line' },
      'mx.midhandshake.test': { behaviour: 'close-after-starttls' },
      'mx.busy.test': { behaviour: 'busy' },
      'mx.plain.test': { tls: 'none', authBeforeTls: true, vrfy: true },
    });
  });
  after(() => lab.stop());

  it('a good server: greeting, EHLO, STARTTLS to TLS 1.3, trusted certificate for the MX name, AUTH only inside TLS', async () => {
    const result = await lab.prober().probe(lab.target('mx.good.test'), { limits: fast });
    const { greeting, ehlo, starttls, ehloAfterTls } = facts(result);
    assert.equal(greeting.code, 220);
    assert.deepEqual(greeting.lines, ['mx.good.test ESMTP']);
    assert.equal(ehlo.command, 'EHLO');
    assert.equal(ehlo.serverName, 'mx.good.test');
    assert.equal(ehlo.extensions.starttls, true);
    assert.deepEqual(ehlo.extensions.auth, []);
    assert.deepEqual(ehloAfterTls?.extensions.auth, ['PLAIN', 'LOGIN']);
    assert.equal(starttls?.kind, 'ok');
    if (starttls?.kind !== 'ok') return;
    const { session } = starttls;
    assert.equal(session.protocol, 'TLSv1.3');
    assert.equal(session.cipher.forwardSecrecy, true);
    assert.equal(session.serverName, 'mx.good.test');
    assert.deepEqual(session.verification, { trusted: true });
    assert.deepEqual(session.hostname, { name: 'mx.good.test', matches: true });
    const leaf = session.chain[0];
    assert.deepEqual(leaf?.dnsNames, ['mx.good.test']);
    assert.equal(leaf?.keyType, 'rsa');
    assert.equal(leaf?.keyBits, 2048);
    assert.equal(leaf?.signatureAlgorithm.name, 'sha256WithRSAEncryption');
    assert.equal(leaf?.selfSigned, false);
    assert.match(leaf?.pem ?? '', /^-----BEGIN CERTIFICATE-----\n/);
    // The transcript: client lines in order, TLS marked from the handshake on, QUIT last.
    const client = result.transcript.filter((line) => line.direction === 'C');
    assert.deepEqual(
      client.map((line) => [line.text, line.tls]),
      [
        ['EHLO probe.telltale.test', false],
        ['STARTTLS', false],
        ['EHLO probe.telltale.test', true],
        ['QUIT', true],
      ],
    );
    assert.ok(
      result.transcript.some((line) => line.direction === 'S' && line.text === '250-STARTTLS' && !line.tls),
    );
    assert.deepEqual(lab.host('mx.good.test').log.commands.slice(-1), ['QUIT']);
  });

  it('an Exchange-like server: banner, X-ANONYMOUSTLS, AUTH NTLM before TLS, and the raw NTLM challenge', async () => {
    const result = await lab
      .prober()
      .probe(lab.target('mx.exchange.test'), { limits: fast, ntlm: true, vrfy: 'postmaster' });
    const { greeting, ehlo, ntlm, vrfy } = facts(result);
    assert.match(greeting.lines[0] ?? '', /^EXCH01\.oldmill\.local Microsoft ESMTP MAIL Service ready at /);
    assert.equal(ehlo.extensions.anonymousTls, true);
    assert.deepEqual(ehlo.extensions.auth, ['NTLM', 'LOGIN']);
    assert.equal(vrfy?.code, 252);
    assert.equal(ntlm?.kind, 'challenge');
    if (ntlm?.kind !== 'challenge') return;
    const bytes = Buffer.from(ntlm.bytes);
    assert.equal(bytes.subarray(0, 8).toString('latin1'), 'NTLMSSP\0');
    assert.equal(bytes.readUInt32LE(8), 2);
    assert.equal(Buffer.from(ntlm.base64, 'base64').equals(bytes), true);
    assert.ok(bytes.includes(Buffer.from('oldmill.local', 'utf16le')));
    assert.deepEqual([bytes[48], bytes[49], bytes.readUInt16LE(50)], [10, 0, 14393]);
    // The exchange was cancelled with `*`: no response to the challenge was ever sent.
    const commands = lab.host('mx.exchange.test').log.commands;
    const auth = commands.findIndex((line) => line.startsWith('AUTH NTLM '));
    assert.equal(commands[auth + 1], '*');
  });

  it('the relay probe: RCPT per recipient, then RSET and QUIT, and never DATA', async () => {
    const prober = lab.prober();
    const recipients = [
      'probe@outside.test',
      'probe%outside.test@mx.exchange.test',
      '@mx.exchange.test:probe@outside.test',
    ];
    const open = await prober.relayProbe(lab.target('mx.exchange.test'), {
      mailFrom: 'probe@telltale.test',
      rcptTo: recipients,
      limits: fast,
    });
    assert.equal(open.kind, 'ok');
    if (open.kind !== 'ok') return;
    assert.equal(open.mailFrom.code, 250);
    assert.deepEqual(
      open.recipients.map((recipient) => recipient.accepted),
      [true, true, true],
    );
    const closed = await prober.relayProbe(lab.target('mx.good.test'), {
      mailFrom: 'probe@telltale.test',
      rcptTo: recipients,
      limits: fast,
    });
    assert.equal(closed.kind, 'ok');
    if (closed.kind !== 'ok') return;
    assert.deepEqual(
      closed.recipients.map((recipient) => [recipient.accepted, recipient.reply.code]),
      [
        [false, 454],
        [false, 454],
        [false, 454],
      ],
    );
    for (const name of ['mx.exchange.test', 'mx.good.test']) {
      const commands = lab.host(name).log.commands;
      assert.equal(
        commands.some((line) => /^(DATA|BDAT)/i.test(line)),
        false,
        `${name} saw DATA`,
      );
      assert.deepEqual(commands.slice(-2), ['RSET', 'QUIT']);
    }
  });

  it('TLS versions one by one: the TLS 1.0-only server accepts 1.0 and refuses 1.2 and 1.3; SSLv3 is untestable here', async () => {
    const prober = lab.prober();
    const target = lab.target('mx.tls10.test');
    const options = { limits: fast };
    const v10 = await prober.probeTlsVersion(target, 'TLSv1', options);
    assert.equal(v10.kind, 'accepted', JSON.stringify(v10.kind === 'accepted' ? '' : v10));
    if (v10.kind === 'accepted') assert.equal(v10.cipher.forwardSecrecy, true);
    assert.equal((await prober.probeTlsVersion(target, 'TLSv1.2', options)).kind, 'refused');
    assert.equal((await prober.probeTlsVersion(target, 'TLSv1.3', options)).kind, 'refused');
    const ssl3 = await prober.probeTlsVersion(target, 'SSLv3', options);
    assert.equal(ssl3.kind, 'untestable');
    const good = lab.target('mx.good.test');
    assert.equal((await prober.probeTlsVersion(good, 'TLSv1', options)).kind, 'refused');
    assert.equal((await prober.probeTlsVersion(good, 'TLSv1.1', options)).kind, 'refused');
    assert.equal((await prober.probeTlsVersion(good, 'TLSv1.2', options)).kind, 'accepted');
  });

  it('cipher families: the legacy server takes TLS 1.0 CBC suites, the good one does not; absent suites are untestable', async () => {
    const prober = lab.prober();
    const families = ['cbc-tls1.0', 'null', 'rc4'] as const;
    const legacy = await prober.probeCiphers(lab.target('mx.exchange.test'), {
      limits: fast,
      families: [...families],
    });
    assert.deepEqual(
      legacy.families.map((family) => family.kind),
      ['accepted', 'refused', 'untestable'],
    );
    assert.equal(legacy.preferred?.cipher.forwardSecrecy, true);
    const good = await prober.probeCiphers(lab.target('mx.good.test'), {
      limits: fast,
      families: ['cbc-tls1.0'],
    });
    assert.equal(good.families[0]?.kind, 'refused');
  });

  it('certificate defects: expired, wrong name, self-signed, weak key', async () => {
    const prober = lab.prober();
    const session = async (name: string) => {
      const starttls = facts(await prober.probe(lab.target(name), { limits: fast })).starttls;
      assert.equal(starttls?.kind, 'ok');
      if (starttls?.kind !== 'ok') throw new Error('no TLS');
      return starttls.session;
    };
    const expired = await session('mx.expired.test');
    assert.deepEqual(expired.verification, {
      trusted: false,
      code: 'CERT_HAS_EXPIRED',
      reason: 'the certificate has expired',
    });
    assert.ok(Date.parse(expired.chain[0]?.notAfter ?? '') < Date.now());
    const wrongName = await session('mx.wrong-name.test');
    assert.equal(wrongName.verification.trusted, true);
    assert.equal(wrongName.hostname?.matches, false);
    const selfSigned = await session('mx.self-signed.test');
    assert.equal(selfSigned.verification.trusted, false);
    if (!selfSigned.verification.trusted)
      assert.equal(selfSigned.verification.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
    assert.equal(selfSigned.chain[0]?.selfSigned, true);
    const weak = await session('mx.weak-key.test');
    assert.equal(weak.chain[0]?.keyBits, 1024);
  });

  it('a server without STARTTLS: not offered, AUTH in clear, VRFY answered', async () => {
    const result = await lab
      .prober()
      .probe(lab.target('mx.plain.test'), { limits: fast, vrfy: 'postmaster' });
    const { ehlo, starttls, vrfy } = facts(result);
    assert.deepEqual(starttls, { kind: 'not-offered' });
    assert.deepEqual(ehlo.extensions.auth, ['PLAIN', 'LOGIN']);
    assert.equal(vrfy?.code, 250);
  });

  describe('hostile and broken servers end within their bounds, with the right kind', () => {
    it('a tarpit', async () => {
      const result = await lab
        .prober()
        .probe(lab.target('mx.tarpit.test'), { limits: { ...fast, greetingTimeoutMs: 300 } });
      assert.equal(result.kind, 'error');
      if (result.kind === 'error') assert.equal(result.failure.kind, 'tarpit');
    });

    it('garbage and a 1 MiB line are protocol errors', async () => {
      for (const name of ['mx.garbage.test', 'mx.long-line.test']) {
        const result = await lab.prober().probe(lab.target(name), { limits: fast });
        assert.equal(result.kind, 'error');
        if (result.kind === 'error') assert.equal(result.failure.kind, 'protocol', name);
      }
    });

    it('a server that hangs up after its STARTTLS 220: a TLS failure, with what was learned before', async () => {
      const result = await lab.prober().probe(lab.target('mx.midhandshake.test'), { limits: fast });
      assert.equal(result.kind, 'error');
      if (result.kind !== 'error') return;
      assert.equal(result.failure.kind, 'tls');
      assert.equal(result.facts.ehlo?.extensions.starttls, true);
      assert.equal(result.facts.starttls?.kind, 'failed');
    });

    it('a 421 greeting is a rejection with its text, not a missing STARTTLS', async () => {
      const result = await lab.prober().probe(lab.target('mx.busy.test'), { limits: fast });
      assert.equal(result.kind, 'error');
      if (result.kind !== 'error') return;
      assert.equal(result.failure.kind, 'rejected');
      assert.equal(result.failure.reply?.code, 421);
      assert.match(result.failure.detail, /too busy/);
    });
  });
});

describe('connections that never become sessions', () => {
  const target = { address: '192.0.2.1', port: 25, heloName: 'probe.telltale.test' };

  it('refused', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const map = new TableAddressMap([
      { from: { address: '192.0.2.1', port: 25 }, to: { address: '127.0.0.1', port } },
    ]);
    const result = await new NodeSmtpProber({ addressMap: map }).probe(target, { limits: fast });
    assert.equal(result.kind, 'error');
    if (result.kind === 'error') assert.equal(result.failure.kind, 'refused');
  });

  it('a silent server: greeting timeout, and the session budget wins when smaller', async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const map = new TableAddressMap([
      { from: { address: '192.0.2.1', port: 25 }, to: { address: '127.0.0.1', port } },
    ]);
    const prober = new NodeSmtpProber({ addressMap: map });
    try {
      const quiet = await prober.probe(target, { limits: { ...fast, greetingTimeoutMs: 200 } });
      assert.equal(quiet.kind === 'error' && quiet.failure.kind, 'greeting-timeout');
      const budget = await prober.probe(target, {
        limits: { ...fast, greetingTimeoutMs: 5000, sessionBudgetMs: 200 },
      });
      assert.equal(budget.kind === 'error' && budget.failure.kind, 'budget');
      const controller = new AbortController();
      const pending = prober.probe(target, { limits: fast, signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const aborted = await pending;
      assert.equal(aborted.kind === 'error' && aborted.failure.kind, 'aborted');
    } finally {
      silent.close();
    }
  });
});
