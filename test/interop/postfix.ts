// Debian's Postfix as private instances for the interop tier (own main.cf, master.cf, queue and log in a temp
// dir, smtpd only on 127.0.0.1 at a free high port), and the openssl-made CA, certificates and TLSA digests.

import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  chownSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './servers.js';

/** The Debian package of each binary this file runs: a missing one fails the run naming it, never a skip. */
export const postfixPackages = {
  postfix: 'postfix',
  openssl: 'openssl',
} as const;

export type PostfixBinary = keyof typeof postfixPackages;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function requirePostfixBinary(name: PostfixBinary): string {
  const dirs = [...(process.env.PATH ?? '').split(':').filter((dir) => dir !== ''), '/usr/sbin', '/usr/bin'];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  const pkg = postfixPackages[name];
  throw new Error(`interop: '${name}' is not installed: apt-get install ${pkg} (Debian package '${pkg}')`);
}

/** Runs a tool to completion (bounded) and returns its stdout as bytes; a non-zero exit throws with stderr. */
function run(
  binary: PostfixBinary,
  args: readonly string[],
  input?: Buffer | string,
  timeoutMs = 20_000,
): Buffer {
  const result = spawnSync(requirePostfixBinary(binary), args, {
    ...(input === undefined ? {} : { input }),
    timeout: timeoutMs,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    throw new Error(
      `${binary} ${args.join(' ')} exited ${result.status}: ${result.stderr?.toString('utf8') || String(result.error)}`,
    );
  }
  return result.stdout;
}

export interface IssuedCertificate {
  readonly keyFile: string;
  readonly certFile: string;
  /** Key then certificate, the form `smtpd_tls_chain_files` reads. */
  readonly chainFile: string;
}

export interface TestPki {
  /** The CA certificate (PEM file): what the CLI trusts through NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  /** An ECDSA P-256 key and a certificate for `names` (the first is the CN), valid 90 days. */
  issue(label: string, names: readonly string[]): IssuedCertificate;
}

/** A throwaway CA made with the openssl command line, so nothing of telltale's own TLS code is involved. */
export function createTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true });
  const caKey = join(dir, 'ca.key');
  const caFile = join(dir, 'ca.pem');
  run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', caKey]);
  run('openssl', [
    'req',
    '-new',
    '-x509',
    '-key',
    caKey,
    '-out',
    caFile,
    '-days',
    '2',
    '-subj',
    '/CN=telltale interop CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  return {
    caFile,
    issue(label, names) {
      const keyFile = join(dir, `${label}.key`);
      const csr = join(dir, `${label}.csr`);
      const certFile = join(dir, `${label}.pem`);
      const extensions = join(dir, `${label}.ext`);
      writeFileSync(
        extensions,
        [
          `subjectAltName=${names.map((name) => `DNS:${name}`).join(',')}`,
          'basicConstraints=critical,CA:FALSE',
          'keyUsage=critical,digitalSignature',
          'extendedKeyUsage=serverAuth',
          '',
        ].join('\n'),
      );
      run('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile]);
      run('openssl', ['req', '-new', '-key', keyFile, '-out', csr, '-subj', `/CN=${names[0] ?? label}`]);
      run('openssl', [
        'x509',
        '-req',
        '-in',
        csr,
        '-CA',
        caFile,
        '-CAkey',
        caKey,
        '-CAcreateserial',
        '-days',
        '90',
        '-sha256',
        '-extfile',
        extensions,
        '-out',
        certFile,
      ]);
      const chainFile = join(dir, `${label}.chain.pem`);
      writeFileSync(chainFile, readFileSync(keyFile, 'utf8') + readFileSync(certFile, 'utf8'), {
        mode: 0o600,
      });
      return { keyFile, certFile, chainFile };
    },
  };
}

/**
 * The `3 1 1` TLSA digest of a certificate (SHA-256 of its SubjectPublicKeyInfo), computed by openssl the way
 * RFC 7671 and telltale's own remediation text tell administrators to:
 * `openssl x509 -noout -pubkey | openssl pkey -pubin -outform DER | openssl dgst -sha256`.
 */
export function spkiSha256(certFile: string): string {
  const pem = run('openssl', ['x509', '-in', certFile, '-noout', '-pubkey']);
  const der = run('openssl', ['pkey', '-pubin', '-outform', 'DER'], pem);
  const digest = run('openssl', ['dgst', '-sha256', '-r'], der).toString('utf8');
  const hex = /^([0-9a-f]{64})\b/.exec(digest)?.[1];
  if (hex === undefined) throw new Error(`openssl dgst: unexpected output ${digest}`);
  return hex;
}

export interface PostfixInstance {
  readonly tag: string;
  readonly port: number;
  readonly queueDir: string;
  /** Postfix's own log (maillog_file), for assertions and failure messages. */
  log(): string;
  stop(): Promise<void>;
}

/** main.cf settings every instance shares: loopback only, no DNS, no local delivery, its own log. */
function baseSettings(dir: string): Record<string, string> {
  return {
    compatibility_level: '3.6',
    queue_directory: join(dir, 'queue'),
    data_directory: join(dir, 'data'),
    mail_owner: 'postfix',
    inet_interfaces: '127.0.0.1',
    inet_protocols: 'ipv4',
    maillog_file: join(dir, 'maillog'),
    maillog_file_prefixes: dir,
    // No reverse lookup of the client: Postfix would ask the system resolver, beyond loopback.
    smtpd_peername_lookup: 'no',
    append_dot_mydomain: 'no',
    alias_maps: '',
    alias_database: '',
    biff: 'no',
    smtpd_sasl_auth_enable: 'no',
  };
}

/**
 * Only what smtpd needs to answer up to RCPT: no qmgr, pickup, smtp client or local delivery agent exists in
 * this master.cf, so even a message that reached the queue could never leave it. Everything runs unchrooted.
 */
function masterCf(port: number): string {
  return `${[
    `127.0.0.1:${port} inet n - n - - smtpd`,
    'cleanup   unix n - n - 0 cleanup',
    'rewrite   unix - - n - - trivial-rewrite',
    'tlsmgr    unix - - n 1000? 1 tlsmgr',
    'anvil     unix - - n - 1 anvil',
    'proxymap  unix - - n - - proxymap',
    'postlog   unix-dgram n - n - 1 postlogd',
  ].join('\n')}\n`;
}

const masters = new Set<number>();

function killMaster(pid: number): void {
  try {
    // The master runs setsid(): its process group holds every Postfix daemon of the instance.
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

process.on('exit', () => {
  for (const pid of masters) killMaster(pid);
});

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (bounded) for a 220 greeting on the port: the master forks smtpd on the first connection. */
async function waitForGreeting(port: number, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const reply = await smtpExchange(port, [], 2000).catch(() => undefined);
    if (reply?.[0]?.startsWith('220')) return true;
    await sleep(100);
  }
  return false;
}

/**
 * Starts `postfix -c DIR/conf start` as root with `settings` over the base main.cf; a port race (master cannot
 * bind) is retried on another port. Throws with Postfix's log when it does not greet.
 */
export async function startPostfix(
  dir: string,
  tag: string,
  settings: Readonly<Record<string, string>>,
): Promise<PostfixInstance> {
  const postfix = requirePostfixBinary('postfix');
  if (userInfo().uid !== 0)
    throw new Error('interop: Postfix instances need root (postfix start is reserved for the superuser)');
  const home = join(dir, tag);
  const conf = join(home, 'conf');
  const data = join(home, 'data');
  const queue = join(home, 'queue');
  for (const path of [conf, data, queue]) mkdirSync(path, { recursive: true });
  // Daemons run as the postfix user: they must traverse the temp dirs and own data_directory.
  const postfixUser = spawnSync('id', ['-u', 'postfix'], { encoding: 'utf8' });
  const uid = Number(postfixUser.stdout.trim());
  if (postfixUser.status !== 0 || !Number.isInteger(uid))
    throw new Error("interop: no 'postfix' user: apt-get install postfix (Debian package 'postfix')");
  chownSync(data, uid, -1);
  for (const path of [dir, home]) chmodSync(path, 0o755);
  const mainCf = { ...baseSettings(home), ...settings };
  writeFileSync(
    join(conf, 'main.cf'),
    `${Object.entries(mainCf)
      .map(([key, value]) => `${key} = ${value}`)
      .join('\n')}\n`,
  );
  const logFile = mainCf.maillog_file ?? join(home, 'maillog');
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no log)');
  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    writeFileSync(join(conf, 'master.cf'), masterCf(port));
    const started = spawnSync(postfix, ['-c', conf, 'start'], {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const pidFile = join(queue, 'pid', 'master.pid');
    const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : Number.NaN;
    if (Number.isInteger(pid) && pid > 0) masters.add(pid);
    const instance: PostfixInstance = {
      tag,
      port,
      queueDir: queue,
      log,
      async stop() {
        spawnSync(postfix, ['-c', conf, 'stop'], { timeout: 10_000, stdio: 'ignore' });
        if (!Number.isInteger(pid) || pid <= 0) return;
        const deadline = Date.now() + 5000;
        while (isAlive(pid) && Date.now() < deadline) await sleep(50);
        killMaster(pid);
        masters.delete(pid);
      },
    };
    if (started.status === 0 && (await waitForGreeting(port))) return instance;
    lastError = `postfix start exited ${started.status} ${started.stderr ?? ''}\n${log()}`;
    await instance.stop();
  }
  throw new Error(`interop: Postfix '${tag}' did not start:\n${lastError}`);
}

/** Files in the queue's message directories: a message that reached the queue would be one of these. */
export function queuedFiles(queueDir: string): string[] {
  const found: string[] = [];
  const walk = (path: string): void => {
    if (!existsSync(path)) return;
    for (const entry of readdirSync(path)) {
      const child = join(path, entry);
      if (statSync(child).isDirectory()) walk(child);
      else found.push(child);
    }
  };
  for (const name of ['maildrop', 'incoming', 'active', 'deferred', 'hold', 'corrupt', 'saved'])
    walk(join(queueDir, name));
  return found;
}

/**
 * A minimal SMTP client for the test's own cross-checks: reads the greeting, sends each command and reads
 * its (possibly multi-line) reply, then QUIT. Returns every reply as one string; bounded in time.
 */
export function smtpExchange(port: number, commands: readonly string[], timeoutMs = 5000): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const replies: string[] = [];
    let buffer = '';
    let current: string[] = [];
    const queue = [...commands, 'QUIT'];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`SMTP exchange with 127.0.0.1:${port} timed out; so far: ${replies.join(' | ')}`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('latin1');
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        current.push(line);
        if (/^\d{3} /.test(line) || /^\d{3}$/.test(line)) {
          replies.push(current.join('\n'));
          current = [];
          const next = queue.shift();
          if (next === undefined) {
            clearTimeout(timer);
            socket.end();
            resolve(replies);
            return;
          }
          socket.write(`${next}\r\n`);
        }
        newline = buffer.indexOf('\n');
      }
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(replies);
    });
  });
}
