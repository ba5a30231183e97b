// The HTTPS fetcher's connection steps against raw 127.0.0.1 servers: refused, closed, reset, not TLS,
// silent, TLS then nothing; what moves on to the next address, and that a refusal builds no TLS socket.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import tls from 'node:tls';
import { createTestCa } from '../../../lab/test-ca.js';
import { ZoneClient } from '../../../lab/zone-client.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import { TableAddressMap } from '../address-map.js';
import { NodeHttpsFetcher } from './https-fetcher.js';
import type { HttpsResponse } from './types.js';

type Behaviour = 'refused' | 'close' | 'reset' | 'plain' | 'silent' | 'tls-close' | 'tls-ok';

/** Each behaviour's documentation address (what DNS hands out) → the loopback port that acts it. */
const addressOf: Record<Behaviour, string> = {
  refused: '192.0.2.1',
  close: '192.0.2.2',
  reset: '192.0.2.3',
  plain: '192.0.2.4',
  silent: '192.0.2.5',
  'tls-close': '192.0.2.6',
  'tls-ok': '192.0.2.7',
};

const servers: net.Server[] = [];
/** Server-side sockets still open, to prove the fetcher closes what it opened. */
const open = new Set<net.Socket>();
const helloSeen: { servername: string | false | null; alpn: string | false | null }[] = [];
let okPort = 0;
/** Called when the silent server accepts a connection. */
let silentAccepted: (() => void) | undefined;
let fetcher: NodeHttpsFetcher;

function track(socket: net.Socket): void {
  open.add(socket);
  socket.on('close', () => open.delete(socket));
  socket.on('error', () => {});
}

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A raw TCP listener that reads everything (so it sees the client's close) and acts one behaviour. */
function tcpServer(act: (socket: net.Socket) => void): net.Server {
  return net.createServer((socket) => {
    track(socket);
    socket.resume();
    act(socket);
  });
}

before(async () => {
  const ca = await createTestCa();
  const names = ['ok.connect.test', 'tlsclose.connect.test', 'fallback.connect.test', '127.0.0.1'];
  const certificate = await ca.issue({ names });
  const tlsOptions = { key: certificate.keyPem, cert: certificate.chainPem };
  okPort = await listen(
    tls.createServer({ ...tlsOptions, ALPNProtocols: ['h2', 'http/1.1'] }, (socket) => {
      track(socket);
      helloSeen.push({ servername: socket.servername, alpn: socket.alpnProtocol });
      socket.once('data', () =>
        socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 2\r\n\r\nok'),
      );
    }),
  );
  const ports: Record<Behaviour, number> = {
    refused: await freePort(),
    close: await listen(tcpServer((socket) => socket.end())),
    reset: await listen(tcpServer((socket) => socket.resetAndDestroy())),
    plain: await listen(
      tcpServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\n\r\n'))),
    ),
    silent: await listen(tcpServer(() => silentAccepted?.())),
    'tls-close': await listen(
      tls.createServer(tlsOptions, (socket) => {
        track(socket);
        socket.destroy();
      }),
    ),
    'tls-ok': okPort,
  };
  const map = new TableAddressMap(
    (Object.keys(ports) as Behaviour[]).map((behaviour) => ({
      from: { address: addressOf[behaviour], port: 443 },
      to: { address: '127.0.0.1', port: ports[behaviour] },
    })),
  );
  const records = (...behaviours: Behaviour[]) => behaviours.map((b) => ({ A: addressOf[b] }));
  const store = new ZoneStore();
  store.addZoneData({
    'refused.connect.test': records('refused'),
    'close.connect.test': records('close'),
    'reset.connect.test': records('reset'),
    'plain.connect.test': records('plain'),
    'silent.connect.test': records('silent'),
    'tlsclose.connect.test': records('tls-close'),
    'ok.connect.test': records('tls-ok'),
    'fallback.connect.test': records('refused', 'close', 'tls-close', 'tls-ok'),
    'nofallback.connect.test': records('plain', 'tls-ok'),
    'slowfirst.connect.test': records('silent', 'tls-ok'),
    'allfail.connect.test': records('refused', 'close'),
  });
  fetcher = new NodeHttpsFetcher(new ZoneClient(store), { addressMap: map, ca: [ca.rootPem] });
});

after(() => {
  for (const socket of open) socket.destroy();
  for (const server of servers) server.close();
});

const get = (host: string, timeoutMs = 5000, signal?: AbortSignal): Promise<HttpsResponse> =>
  fetcher.get({ url: `https://${host}/p`, maxBytes: 1000, timeoutMs, ...(signal ? { signal } : {}) });

function failure(result: HttpsResponse): Extract<HttpsResponse, { kind: 'error' }> {
  assert.equal(result.kind, 'error', JSON.stringify(result));
  return result as Extract<HttpsResponse, { kind: 'error' }>;
}

/** Resolves once every server-side socket has closed: the client let go of all it opened. */
async function allClosed(): Promise<void> {
  await Promise.all([...open].map((socket) => new Promise((resolve) => socket.once('close', resolve))));
}

/** Counts the TLS sockets the fetcher builds while `run` runs. */
async function countTlsSockets(run: () => Promise<unknown>): Promise<number> {
  const original = tls.connect;
  let built = 0;
  tls.connect = ((...args: Parameters<typeof tls.connect>) => {
    built += 1;
    return original(...args);
  }) as typeof tls.connect;
  try {
    await run();
  } finally {
    tls.connect = original;
  }
  return built;
}

describe('NodeHttpsFetcher connection steps', () => {
  it('reports a refused port as a connect error naming the address, without building a TLS socket', async () => {
    let result: HttpsResponse | undefined;
    const built = await countTlsSockets(async () => {
      result = await get('refused.connect.test');
    });
    const error = failure(result as HttpsResponse);
    assert.equal(error.reason, 'connect');
    assert.match(
      error.detail,
      /^could not connect to refused\.connect\.test: 192\.0\.2\.1: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
    assert.equal(built, 0);
  });

  it('builds one TLS socket for a connection that is accepted', async () => {
    let result: HttpsResponse | undefined;
    const built = await countTlsSockets(async () => {
      result = await get('ok.connect.test');
    });
    assert.equal(result?.kind, 'response');
    assert.equal(built, 1);
  });

  it('reports a server that accepts TCP and closes before TLS as a connect error', async () => {
    const error = failure(await get('close.connect.test'));
    assert.equal(error.reason, 'connect');
    assert.equal(
      error.detail,
      'could not connect to close.connect.test: 192.0.2.2: ' +
        'Client network socket disconnected before secure TLS connection was established',
    );
  });

  it('reports a server that resets the connection as a connect error', async () => {
    const error = failure(await get('reset.connect.test'));
    assert.equal(error.reason, 'connect');
    assert.match(
      error.detail,
      /^could not connect to reset\.connect\.test: 192\.0\.2\.3: .*(ECONNRESET|EPIPE)/,
    );
  });

  it('reports a server that does not speak TLS as a TLS error, with the message of the failed write', async () => {
    const error = failure(await get('plain.connect.test'));
    assert.equal(error.reason, 'tls');
    assert.match(error.detail, /^write EPROTO .*wrong version number/);
  });

  it('reports a TLS server that closes before answering as a connect error', async () => {
    const error = failure(await get('tlsclose.connect.test'));
    assert.equal(error.reason, 'connect');
    assert.equal(error.detail, 'could not connect to tlsclose.connect.test: 192.0.2.6: socket hang up');
  });

  it('bounds a silent server by the whole-request budget and closes the connection', async () => {
    const error = failure(await get('silent.connect.test', 200));
    assert.equal(error.reason, 'timeout');
    assert.equal(error.detail, 'no complete response within 200 ms');
    await allClosed();
  });

  it('stops a connection in progress when the caller aborts, and closes it', async () => {
    const controller = new AbortController();
    const accepted = new Promise<void>((resolve) => {
      silentAccepted = resolve;
    });
    const pending = get('silent.connect.test', 60_000, controller.signal);
    // Abort once the server holds the connection: the fetcher is then past TCP, waiting for the TLS handshake.
    await accepted;
    controller.abort();
    const error = failure(await pending);
    assert.equal(error.reason, 'other');
    assert.equal(error.detail, 'aborted by the caller');
    await allClosed();
  });

  it('moves on to the next address after connection failures only, and answers from the one that worked', async () => {
    const result = await get('fallback.connect.test');
    assert.equal(result.kind, 'response', JSON.stringify(result));
    assert.equal(result.kind === 'response' && result.remoteAddress, addressOf['tls-ok']);
    assert.equal(result.kind === 'response' && Buffer.from(result.body).toString(), 'ok');
  });

  it('does not move on after a TLS failure or a timeout', async () => {
    assert.equal(failure(await get('nofallback.connect.test')).reason, 'tls');
    assert.equal(failure(await get('slowfirst.connect.test', 200)).reason, 'timeout');
  });

  it('lists every address that failed when none connects', async () => {
    const error = failure(await get('allfail.connect.test'));
    assert.equal(error.reason, 'connect');
    assert.match(
      error.detail,
      /^could not connect to allfail\.connect\.test: 192\.0\.2\.1: connect ECONNREFUSED [^;]+; 192\.0\.2\.2: Client network socket disconnected before secure TLS connection was established$/,
    );
  });

  it('sends the host name as SNI, none for an IP literal, and offers no ALPN', async () => {
    helloSeen.length = 0;
    assert.equal((await get('ok.connect.test')).kind, 'response');
    const literal = await fetcher.get({
      url: `https://127.0.0.1:${okPort}/p`,
      maxBytes: 100,
      timeoutMs: 5000,
    });
    assert.equal(literal.kind === 'response' && literal.tls.authorized, true);
    assert.deepEqual(helloSeen, [
      { servername: 'ok.connect.test', alpn: false },
      { servername: false, alpn: false },
    ]);
  });
});
