// telltale's connector verdicts against Debian's real Postfix on loopback (a careful configuration and an open
// relay with TLS 1.0), and DANE against TLSA records for Postfix's key served from an ldns-signed zone.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../../src/model/finding.js';
import {
  createTestPki,
  type IssuedCertificate,
  type PostfixInstance,
  queuedFiles,
  smtpExchange,
  spkiSha256,
  startPostfix,
} from './postfix.js';
import { type Daemon, makeTempDir, runTool, startNsd, startUnbound, stopAll } from './servers.js';
import { mapLimited, parseJsonOutput, runCli } from './telltale.js';

const zonesDir = fileURLToPath(new URL('./zones/', import.meta.url));
const zone = 'postfix.test';
const hosts = {
  good: `mx.${zone}`,
  stale: `stale.${zone}`,
  unsigned: `mx.unsigned.${zone}`,
  relay: `relay.${zone}`,
} as const;

/**
 * A careful MX: TLS 1.2+, no relaying for strangers (loopback is NOT in mynetworks), quiet banner, no VRFY. Its
 * cipher list is Postfix's default, anonymous suites included (postconf(5): rarely worth excluding on port 25),
 * and telltale reaches it on port 25 so it is graded as an MX.
 */
const goodSettings = (certificate: IssuedCertificate): Record<string, string> => ({
  myhostname: hosts.good,
  mydomain: zone,
  myorigin: '$myhostname',
  mydestination: '',
  relay_domains: '',
  mynetworks: '192.0.2.0/24',
  smtpd_banner: '$myhostname ESMTP',
  smtpd_relay_restrictions: 'permit_mynetworks, reject_unauth_destination',
  smtpd_tls_security_level: 'may',
  smtpd_tls_chain_files: certificate.chainFile,
  smtpd_tls_protocols: '>=TLSv1.2',
  smtpd_tls_mandatory_protocols: '>=TLSv1.2',
  disable_vrfy_command: 'yes',
});

/**
 * The classic open relay (mynetworks = the whole internet: Postfix itself refuses a relay restriction of plain
 * `permit`), TLS 1.0 and 1.1 enabled, Debian's banner, VRFY on, and one local mailbox so VRFY can tell.
 */
const badSettings = (certificate: IssuedCertificate): Record<string, string> => ({
  myhostname: hosts.relay,
  mydomain: zone,
  myorigin: '$myhostname',
  mydestination: '$myhostname',
  local_recipient_maps: 'inline:{ postmaster=ok }',
  mynetworks: '0.0.0.0/0',
  smtpd_relay_restrictions: 'permit_mynetworks, reject_unauth_destination',
  smtpd_banner: '$myhostname ESMTP $mail_name (Debian/GNU)',
  smtpd_tls_security_level: 'may',
  smtpd_tls_chain_files: certificate.chainFile,
  smtpd_tls_protocols: '>=TLSv1',
  smtpd_tls_mandatory_protocols: '>=TLSv1',
  // Postfix 3.7's default medium list plus OpenSSL security level 0: OpenSSL 3 refuses TLS 1.0/1.1 at level 1+.
  tls_medium_cipherlist: 'aNULL:-aNULL:HIGH:MEDIUM:+RC4:@STRENGTH:@SECLEVEL=0',
  disable_vrfy_command: 'no',
});

/** ldns-keygen prints the key's base name; the .ds beside it is the trust anchor (without the class). */
function signedZones(dir: string, tlsa: { good: string; stale: string }, port: number) {
  const key = runTool('ldns-keygen', ['-a', 'ECDSAP256SHA256', '-k', zone], dir).trim();
  const anchor = readFileSync(join(dir, `${key}.ds`), 'utf8')
    .trim()
    .split(/\s+/)
    .filter((field, index) => !(index === 1 && field === 'IN'))
    .join(' ');
  const record = (owner: string, digest: string) => `_${port}._tcp.${owner} 300 IN TLSA 3 1 1 ${digest}`;
  const parentSource = join(dir, `${zone}.zone`);
  writeFileSync(
    parentSource,
    `${readFileSync(join(zonesDir, `${zone}.zone`), 'utf8')}\n${record('mx', tlsa.good)}\n${record('stale', tlsa.stale)}\n`,
  );
  const signed = join(dir, `${zone}.signed`);
  runTool('ldns-signzone', ['-o', zone, '-f', signed, parentSource, key], dir);
  const unsignedFile = join(dir, `unsigned.${zone}.zone`);
  writeFileSync(
    unsignedFile,
    `${readFileSync(join(zonesDir, 'postfix-unsigned.zone'), 'utf8')}\n${record('mx', tlsa.good)}\n`,
  );
  return {
    anchor,
    zones: [
      { name: zone, file: signed },
      { name: `unsigned.${zone}`, file: unsignedFile },
    ],
  };
}

/**
 * A plain TCP relay from 127.0.0.1:25 to the good Postfix (STARTTLS and TLS pass through untouched), so telltale
 * grades it as an MX: Postfix's master.cf binds a free high port. Port 25 needs root, as Postfix itself does here.
 */
function relayPort25(targetPort: number): Promise<net.Server> {
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: '127.0.0.1', port: targetPort });
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `interop: cannot listen on 127.0.0.1:25 (${error.code}): a local MTA holds it, or not root; stop it`,
        ),
      ),
    );
    server.listen({ host: '127.0.0.1', port: 25 }, () => resolve(server));
  });
}

interface Report {
  readonly findings: readonly Finding[];
}

type RunLabel = 'good' | 'stale' | 'unsigned' | 'bad';

/**
 * The four CLI runs: the name given with --name decides which TLSA records apply (see the zone file). The good
 * Postfix is reached through a relay on 127.0.0.1:25 (graded as an MX); the bad one on its own high port.
 */
const runs: readonly { label: RunLabel; server: 'good' | 'bad'; name: string; extra: readonly string[] }[] = [
  { label: 'good', server: 'good', name: hosts.good, extra: [] },
  { label: 'stale', server: 'good', name: hosts.stale, extra: ['--no-relay-test'] },
  { label: 'unsigned', server: 'good', name: hosts.unsigned, extra: ['--no-relay-test'] },
  { label: 'bad', server: 'bad', name: hosts.relay, extra: [] },
];

/**
 * What each run must report when telltale is right: "checkId status severity", one per finding. The bad Postfix
 * runs on a high port, and telltale grades every port but 25 as a submission port (clients verify): TLS 1.0/1.1
 * is a fail of medium severity there (a low warn on 25), anonymous suites a high fail (a pass on 25), and
 * smtp.auth-on-port-25 is not reported. The good one is reached on port 25.
 */
const connectorPasses = [
  'smtp.unreachable pass info',
  'smtp.starttls-missing pass info',
  'smtp.auth-before-tls pass info',
  'smtp.ntlm-info-leak pass info',
  'smtp.cert-expired pass info',
  'smtp.cert-expiring pass info',
  'smtp.cert-hostname-mismatch pass info',
  'smtp.cert-self-signed pass info',
  'smtp.cert-weak-key pass info',
  // 127.0.0.1 → localhost → 127.0.0.1 (unbound's built-in localhost zones): forward-confirmed.
  'smtp.ptr-missing pass info',
  'smtp.fcrdns-mismatch pass info',
];
const goodServer = [
  ...connectorPasses,
  'smtp.auth-on-port-25 pass info',
  'smtp.banner-version pass info',
  'smtp.vrfy-enabled pass info',
  'smtp.tls-legacy-protocol pass info',
  'smtp.tls-weak-cipher pass info',
];
const correctVerdicts: Readonly<Record<RunLabel, readonly string[]>> = {
  good: [
    ...goodServer,
    'smtp.open-relay pass info',
    'dane.tlsa-mismatch pass info',
    'dane.tlsa-without-dnssec pass info',
  ],
  stale: [
    ...goodServer,
    'smtp.open-relay skipped info',
    'dane.tlsa-mismatch fail critical',
    'dane.tlsa-without-dnssec pass info',
  ],
  // Unvalidated records are never matched: no dane.tlsa-mismatch at all.
  unsigned: [...goodServer, 'smtp.open-relay skipped info', 'dane.tlsa-without-dnssec fail medium'],
  bad: [
    ...connectorPasses,
    'smtp.banner-version warn info',
    'smtp.vrfy-enabled fail low',
    'smtp.open-relay fail critical',
    'smtp.tls-legacy-protocol fail medium',
    'smtp.tls-weak-cipher fail high',
    'dane.tlsa-mismatch skipped info',
  ],
};

interface Disagreement {
  readonly runs: readonly RunLabel[];
  readonly checkId: string;
  /** The verdict in correctVerdicts, and what telltale reports today instead. */
  readonly correct: string;
  readonly telltale: string;
  /** What Postfix does, checked by the last test with a raw SMTP exchange. */
  readonly postfix: string;
  readonly reasoning: string;
}

/**
 * Where telltale's verdict and Postfix's configured behaviour disagree today. Each entry is asserted: when the
 * check is fixed this test fails, and the entry goes.
 */
const disagreements: readonly Disagreement[] = [];

function expectedVerdicts(label: RunLabel): string[] {
  return correctVerdicts[label]
    .map((verdict) => {
      const known = disagreements.find(
        (entry) => entry.runs.includes(label) && verdict === `${entry.checkId} ${entry.correct}`,
      );
      return known === undefined ? verdict : `${known.checkId} ${known.telltale}`;
    })
    .sort();
}

interface Lab {
  readonly dir: string;
  good?: PostfixInstance;
  bad?: PostfixInstance;
  nsd?: Daemon;
  unbound?: Daemon;
  goodDigest?: string;
  staleDigest?: string;
  readonly reports: Map<RunLabel, Report>;
}

const verdictsOf = (report: Report): string[] =>
  report.findings.map((f) => `${f.checkId} ${f.status} ${f.severity}`).sort();

const one = (report: Report, checkId: string): Finding => {
  const found = report.findings.filter((f) => f.checkId === checkId);
  assert.equal(found.length, 1, `one ${checkId} finding expected, got ${found.length}`);
  return found[0] as Finding;
};

const lower = (text: string | undefined): string => (text ?? '').toLowerCase();

describe('telltale smtp against Debian Postfix, DANE from an ldns-signed zone', { timeout: 180_000 }, () => {
  const lab: Lab = { dir: makeTempDir('postfix'), reports: new Map() };
  let relay25: net.Server | undefined;
  const extraCa = process.env.NODE_EXTRA_CA_CERTS;

  const report = (label: RunLabel): Report => {
    const found = lab.reports.get(label);
    assert.ok(found, `telltale smtp (${label}) did not run: see the before hook`);
    return found;
  };
  const server = (which: 'good' | 'bad'): PostfixInstance => {
    const instance = lab[which];
    assert.ok(instance, `the ${which} Postfix did not start: see the before hook`);
    return instance;
  };

  before(async () => {
    const pki = createTestPki(join(lab.dir, 'pki'));
    const goodCert = pki.issue('good', [hosts.good, hosts.stale, hosts.unsigned]);
    const badCert = pki.issue('bad', [hosts.relay]);
    lab.goodDigest = spkiSha256(goodCert.certFile);
    // The stale record: the digest of a key this server does not use (as after a key change).
    lab.staleDigest = spkiSha256(badCert.certFile);
    lab.good = await startPostfix(lab.dir, 'good', goodSettings(goodCert));
    lab.bad = await startPostfix(lab.dir, 'bad', badSettings(badCert));
    relay25 = await relayPort25(lab.good.port);
    const { anchor, zones } = signedZones(lab.dir, { good: lab.goodDigest, stale: lab.staleDigest }, 25);
    lab.nsd = await startNsd(lab.dir, zones);
    lab.unbound = await startUnbound(lab.dir, {
      upstreamPort: lab.nsd.port,
      probeName: zone,
      trustAnchors: [anchor],
    });
    // The CLI trusts the test CA the way any Node program can be told to; only the child processes read it.
    process.env.NODE_EXTRA_CA_CERTS = pki.caFile;
    const resolver = `127.0.0.1:${lab.unbound.port}`;
    await mapLimited(runs, 2, async ({ label, server: which, name, extra }) => {
      const port = which === 'good' ? 25 : lab.bad?.port;
      const args = ['smtp', `127.0.0.1:${port}`, '--name', name, '--resolver', resolver, '--format', 'json'];
      const run = await runCli([...args, '--timeout', '5000', ...extra], 45_000);
      lab.reports.set(label, parseJsonOutput<Report>(run, `telltale ${args.join(' ')}`));
    });
  });

  after(async () => {
    if (extraCa === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
    else process.env.NODE_EXTRA_CA_CERTS = extraCa;
    await new Promise((resolve) => (relay25 ? relay25.close(resolve) : resolve(undefined)));
    await Promise.allSettled([lab.good?.stop(), lab.bad?.stop()]);
    await stopAll([lab.unbound, lab.nsd], lab.dir);
  });

  it('every run gives the expected verdict table (known disagreements applied)', () => {
    const seen = Object.fromEntries(runs.map(({ label }) => [label, verdictsOf(report(label))]));
    const expected = Object.fromEntries(runs.map(({ label }) => [label, expectedVerdicts(label)]));
    assert.deepEqual(seen, expected);
  });

  // Messages are asserted on the facts they carry (versions, suites, recipients, replies, digests), not on their
  // wording, which the message catalogues own.
  it('the careful Postfix: TLS 1.2+ only, refused by the server itself; no relay; quiet VRFY', () => {
    const good = report('good');
    assert.match(one(good, 'smtp.starttls-missing').message, /TLSv1\.3/);
    assert.match(one(good, 'smtp.tls-legacy-protocol').message, /TLS 1\.2, TLS 1\.3/);
    // The refusals are Postfix's: its own log shows the legacy handshakes it turned down.
    assert.match(server('good').log(), /SSL_accept error[\s\S]*unsupported protocol/);
    assert.match(one(good, 'smtp.vrfy-enabled').message, /502 5\.5\.1/);
    // Postfix's default cipher list keeps anonymous suites: accepted, named, and a pass on port 25.
    const ciphers = one(good, 'smtp.tls-weak-cipher');
    assert.equal(ciphers.messageKey, 'smtp.tls.anonymous-port-25');
    assert.match(ciphers.message, /aNULL: ADH-AES\d+-GCM-SHA\d+/);
    // The host name in the greeting (mx.postfix.test) names no software.
    assert.equal(one(good, 'smtp.banner-version').messageKey, 'smtp.banner.quiet');
    assert.match(one(good, 'smtp.cert-self-signed').message, /telltale interop CA/);
    // Postfix's own count of the relay session: three recipients refused, then RSET and QUIT, no DATA.
    assert.match(server('good').log(), /disconnect from .* ehlo=1 mail=1 rcpt=0\/3 rset=1 quit=1/);
  });

  it('the open relay: critical fail for the outside recipient and the source route; TLS 1.0 and 1.1 accepted', () => {
    const bad = report('bad');
    const relay = one(bad, 'smtp.open-relay').message;
    assert.ok(relay.includes('relay-test@example.com'), relay);
    assert.ok(relay.includes('@relay.postfix.test:relay-test@example.com'), relay);
    assert.match(one(bad, 'smtp.tls-legacy-protocol').message, /TLS 1\.0, TLS 1\.1\b/);
    // The suites OpenSSL names: an anonymous one (ADH) over TLS 1.2 and a CBC one over TLS 1.0.
    const ciphers = one(bad, 'smtp.tls-weak-cipher').message;
    assert.match(ciphers, /ADH-AES\d+-GCM-SHA\d+/);
    assert.match(ciphers, /ECDHE-ECDSA-AES\d+-SHA\b.*TLSv1\b(?!\.)/);
    assert.match(one(bad, 'smtp.banner-version').message, /Postfix.*Debian\/GNU/);
    // VRFY: 252 for postmaster, 550 for the random name: the difference enumerates mailboxes.
    assert.match(
      one(bad, 'smtp.vrfy-enabled').message,
      /VRFY postmaster → 252 .*VRFY telltale-probe-[0-9a-f]+ → 550 5\.1\.1 .*User unknown/,
    );
    // Postfix's own count of the relay session: three recipients accepted, then RSET and QUIT, no DATA.
    assert.match(server('bad').log(), /disconnect from .* ehlo=1 mail=1 rcpt=3 rset=1 quit=1 commands=7/);
  });

  it('DANE: the 3 1 1 record openssl computed for Postfix key matches the chain Postfix presents', () => {
    const match = one(report('good'), 'dane.tlsa-mismatch');
    assert.equal(match.subject, '127.0.0.1');
    assert.ok(lower(match.message).includes(`3 1 1 ${lab.goodDigest}`), match.message);
    const dnssec = one(report('good'), 'dane.tlsa-without-dnssec');
    assert.equal(dnssec.subject, hosts.good);
    assert.ok(dnssec.message.includes(`_25._tcp.${hosts.good}`), dnssec.message);
  });

  it('DANE: a stale record is the critical outage, and the fix is the record openssl computed', () => {
    const stale = one(report('stale'), 'dane.tlsa-mismatch');
    assert.ok(lower(stale.message).includes(`3 1 1 ${lab.staleDigest}`), stale.message);
    assert.equal(
      lower(stale.fix).split(/\s+/).join(' '),
      `_25._tcp.${hosts.stale}. in tlsa 3 1 1 ${lab.goodDigest}`,
    );
  });

  it('DANE: the same record in an unsigned zone under a validating resolver is ignored by senders', () => {
    const unsigned = one(report('unsigned'), 'dane.tlsa-without-dnssec');
    assert.equal(unsigned.subject, hosts.unsigned);
    // The proof that the resolver validates: the signed parent zone, named in the message.
    assert.ok(unsigned.message.includes(`_25._tcp.${hosts.unsigned}`), unsigned.message);
    assert.match(unsigned.message, /[\s(:]postfix\.test\b(?!\.)/);
  });

  it('nothing was ever delivered or queued: no DATA, no queue file left, no qmgr to deliver one', () => {
    for (const which of ['good', 'bad'] as const) {
      const instance = server(which);
      const log = instance.log();
      assert.doesNotMatch(log, /queued as|message-id=/i, `${which} Postfix queued a message:\n${log}`);
      assert.doesNotMatch(log, /\b(data|bdat)=\d/, `${which} Postfix saw DATA or BDAT:\n${log}`);
      assert.deepEqual(queuedFiles(instance.queueDir), [], `${which} Postfix has files in its queue`);
    }
  });

  it('known disagreements (none today) still hold, and Postfix behaves as the verdicts assume', async () => {
    for (const entry of disagreements) {
      for (const label of entry.runs) {
        const found = report(label).findings.filter((f) => f.checkId === entry.checkId);
        assert.deepEqual(
          found.map((f) => `${f.status} ${f.severity}`),
          [entry.telltale],
          `${label}: ${entry.checkId} (${entry.reasoning})`,
        );
      }
    }
    const [greeting] = await smtpExchange(server('good').port, []);
    assert.equal(greeting, `220 ${hosts.good} ESMTP`);
    const replies = await smtpExchange(server('bad').port, [
      'EHLO telltale.invalid',
      'VRFY postmaster',
      'VRFY no-such-user-7f3a',
    ]);
    assert.match(replies[2] ?? '', /^252 /);
    assert.match(replies[3] ?? '', /^550 5\.1\.1 .*User unknown/);
  });
});
