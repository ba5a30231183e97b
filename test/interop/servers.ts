// Starts Debian's nsd and unbound on 127.0.0.1 at free high ports, with config and data in a temp dir,
// for the interop tier; every process is killed by its process group on stop, and on exit as a backstop.

import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDnsClient } from '../../src/net/dns/client.js';

/** The Debian package that ships each binary the tier runs: a missing one fails the run naming it. */
export const debianPackages = {
  nsd: 'nsd',
  'nsd-checkconf': 'nsd',
  unbound: 'unbound',
  'unbound-checkconf': 'unbound',
  'ldns-keygen': 'ldnsutils',
  'ldns-signzone': 'ldnsutils',
  spfquery: 'spf-tools-perl',
} as const;

export type Binary = keyof typeof debianPackages;

const searchPath = (): string[] => [
  ...(process.env.PATH ?? '').split(':').filter((dir) => dir !== ''),
  '/usr/sbin',
  '/sbin',
  '/usr/bin',
];

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Absolute path of a binary, or an Error that names the Debian package to install. Never a skip. */
export function requireBinary(name: Binary): string {
  for (const dir of searchPath()) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  const pkg = debianPackages[name];
  throw new Error(`interop: '${name}' is not installed: apt-get install ${pkg} (Debian package '${pkg}')`);
}

/** Runs a tool to completion (bounded), returning stdout; a non-zero exit throws with its stderr. */
export function runTool(binary: Binary, args: readonly string[], cwd: string, timeoutMs = 20_000): string {
  const result = spawnSync(requireBinary(binary), args, { cwd, encoding: 'utf8', timeout: timeoutMs });
  if (result.status !== 0) {
    throw new Error(`${binary} ${args.join(' ')} exited ${result.status}: ${result.stderr || result.error}`);
  }
  return result.stdout;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `telltale-${prefix}-`));
}

const bindTcp = (port: number): Promise<number | undefined> =>
  new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ host: '127.0.0.1', port }, () => {
      const address = server.address();
      const bound = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => resolve(bound));
    });
  });

const bindUdp = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind({ address: '127.0.0.1', port }, () => socket.close(() => resolve(true)));
  });

/** A port free for both TCP and UDP on 127.0.0.1 (the kernel picks it: bind port 0, then check UDP). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const port = await bindTcp(0);
    if (port !== undefined && port >= 1024 && (await bindUdp(port))) return port;
  }
  throw new Error('interop: no free TCP+UDP port on 127.0.0.1 after 50 tries');
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone: nothing to kill.
  }
}

// If a test run dies without its after() hook, no daemon outlives it.
process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

export interface Daemon {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  /** Output so far, for failure messages. */
  log(): string;
  hasExited(): boolean;
  stop(): Promise<void>;
}

function launch(name: string, binary: Binary, args: readonly string[], port: number, cwd: string): Daemon {
  const child = spawn(requireBinary(binary), args, {
    cwd,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  return {
    name,
    port,
    pid: child.pid ?? -1,
    log: () => output,
    hasExited: () => child.exitCode !== null || child.signalCode !== null,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // The main process first: nsd then stops and reaps its own server processes.
        child.kill('SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      // Whatever of the group outlived its leader goes too.
      killGroup(child, 'SIGKILL');
    },
  };
}

/** Waits until the server answers `name SOA` with anything but an error (bounded), or throws with its log. */
async function waitReady(daemon: Daemon, name: string, timeoutMs = 15_000): Promise<void> {
  const client = createDnsClient({
    resolvers: [{ host: '127.0.0.1', port: daemon.port }],
    timeoutMs: 300,
    attempts: 1,
    cacheEntries: 0,
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline && !daemon.hasExited()) {
      const answer = await client.query(name, 'SOA');
      if (answer.kind !== 'error') return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.close();
  }
  throw new Error(
    `interop: ${daemon.name} on 127.0.0.1:${daemon.port} did not answer ${name} SOA:\n${daemon.log()}`,
  );
}

/** Starts a daemon on a free port, retrying with another port if it dies at start (a port race). */
async function startOnFreePort(
  name: string,
  binary: Binary,
  configure: (port: number) => readonly string[],
  cwd: string,
  probeName: string,
): Promise<Daemon> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const daemon = launch(name, binary, configure(port), port, cwd);
    try {
      await waitReady(daemon, probeName);
      return daemon;
    } catch (error) {
      lastError = error;
      await daemon.stop();
    }
  }
  throw lastError;
}

export interface ZoneSpec {
  /** Origin without trailing dot. */
  readonly name: string;
  /** Zone file path (absolute). */
  readonly file: string;
}

/** nsd, authoritative for `zones`: no chroot, no privilege drop, no rate limiting, state in `dir`. */
export async function startNsd(dir: string, zones: readonly ZoneSpec[]): Promise<Daemon> {
  const first = zones[0];
  if (first === undefined) throw new Error('startNsd: no zones');
  const zoneBlocks = zones
    .map((zone) => `zone:\n\tname: "${zone.name}"\n\tzonefile: "${zone.file}"\n`)
    .join('');
  const configure = (port: number): string[] => {
    const config = join(dir, 'nsd.conf');
    writeFileSync(
      config,
      `server:
\tip-address: 127.0.0.1@${port}
\tdo-ip4: yes
\tdo-ip6: no
\tserver-count: 1
\tusername: ""
\tchroot: ""
\tzonesdir: "${dir}"
\tdatabase: ""
\tzonelistfile: "${join(dir, 'zone.list')}"
\txfrdfile: "${join(dir, 'xfrd.state')}"
\txfrdir: "${dir}"
\tpidfile: "${join(dir, 'nsd.pid')}"
\tlogfile: "${join(dir, 'nsd.log')}"
\tverbosity: 1
\trrl-ratelimit: 0
\trrl-whitelist-ratelimit: 0
remote-control:
\tcontrol-enable: no
${zoneBlocks}`,
    );
    runTool('nsd-checkconf', [config], dir);
    rmSync(join(dir, 'zone.list'), { force: true });
    return ['-d', '-c', config];
  };
  return startOnFreePort('nsd', 'nsd', configure, dir, first.name);
}

export interface UnboundOptions {
  /** Where every query is forwarded (nsd); nothing is asked of the root or any other server. */
  readonly upstreamPort: number;
  /** DS or DNSKEY records in presentation format; none means no trust anchor at all. */
  readonly trustAnchors?: readonly string[];
  /** false: iterator only, a resolver that never sets AD. Default true. */
  readonly validate?: boolean;
  /** A name the upstream serves, to know when unbound is ready. */
  readonly probeName: string;
  /** Config file name inside `dir`, to run several unbounds from one dir. */
  readonly tag?: string;
}

/**
 * unbound as a resolver forwarding "." to nsd: `test.` and the TEST-NET reverse zones lose their built-in
 * local-zone blocks (RFC 6761/6303), and the only trust anchors are the test ones given here. The root's
 * NS and SOA are answered locally (nothing else about it), because the CLI asks `. NS` to tell a dead
 * resolver from a domain whose own servers fail.
 */
export async function startUnbound(dir: string, options: UnboundOptions): Promise<Daemon> {
  const tag = options.tag ?? 'unbound';
  const anchors = (options.trustAnchors ?? []).map((anchor) => `\ttrust-anchor: "${anchor}"\n`).join('');
  const modules = options.validate === false ? 'iterator' : 'validator iterator';
  const configure = (port: number): string[] => {
    const config = join(dir, `${tag}.conf`);
    writeFileSync(
      config,
      `server:
\tinterface: 127.0.0.1@${port}
\tport: ${port}
\tdo-ip4: yes
\tdo-ip6: no
\taccess-control: 127.0.0.0/8 allow
\tdo-not-query-localhost: no
\tusername: ""
\tchroot: ""
\tdirectory: "${dir}"
\tpidfile: "${join(dir, `${tag}.pid`)}"
\tlogfile: ""
\tuse-syslog: no
\tverbosity: 1
\tnum-threads: 1
\tmodule-config: "${modules}"
\tlocal-zone: "test." nodefault
\tlocal-zone: "." transparent
\tlocal-data: ". 300 IN NS localhost."
\tlocal-data: ". 300 IN SOA localhost. hostmaster.localhost. 1 3600 600 86400 300"
\tlocal-zone: "100.51.198.in-addr.arpa." nodefault
\tlocal-zone: "2.0.192.in-addr.arpa." nodefault
\tqname-minimisation: no
\tval-log-level: 2
${anchors}remote-control:
\tcontrol-enable: no
forward-zone:
\tname: "."
\tforward-addr: 127.0.0.1@${options.upstreamPort}
`,
    );
    runTool('unbound-checkconf', [config], dir);
    return ['-d', '-c', config];
  };
  return startOnFreePort(tag, 'unbound', configure, dir, options.probeName);
}

/** Stops every daemon (each by its own process group), then removes the temp dir; never throws. */
export async function stopAll(
  daemons: readonly (Daemon | undefined)[],
  dir: string | undefined,
): Promise<void> {
  await Promise.allSettled(daemons.map((daemon) => daemon?.stop()));
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}
