// The HTTPS fetcher against the lab's HTTPS host on loopback: certificate verdicts, redirects, bounds.

import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import tls from 'node:tls';
import { type LabHttps, parseHttpsRoutes, startLabHttps } from '../../../lab/https-server.js';
import { createTestCa, type TestCa } from '../../../lab/test-ca.js';
import { ZoneClient } from '../../../lab/zone-client.js';
import { ZoneStore } from '../../../lab/zone-store.js';
import { TableAddressMap } from '../address-map.js';
import { NodeHttpsFetcher } from './https-fetcher.js';
import type { HttpsResponse } from './types.js';

const page = { headers: { 'Content-Type': 'text/plain' }, body: 'hello\n' };
const routes = parseHttpsRoutes(
  {
    'valid.fetch.test': { paths: { '/p': page } },
    'expired.fetch.test': { certificate: 'expired', paths: { '/p': page } },
    'future.fetch.test': { certificate: 'not-yet-valid', paths: { '/p': page } },
    'wrongname.fetch.test': { certificate: 'wrong-name', paths: { '/p': page } },
    'selfsigned.fetch.test': { certificate: 'self-signed', paths: { '/p': page } },
    'ec.fetch.test': { keyAlgorithm: 'ecdsa-p256', paths: { '/p': page } },
    'redirect.fetch.test': {
      paths: { '/p': { status: 301, headers: { Location: 'https://valid.fetch.test/p' } } },
    },
    'html.fetch.test': { paths: { '/p': { headers: { 'content-type': 'text/html' }, body: '<html>' } } },
    'big.fetch.test': { paths: { '/p': { ...page, bodySize: 1_000_000 } } },
    'slow.fetch.test': { paths: { '/p': { ...page, bodySize: 4000, chunkBytes: 10, chunkDelayMs: 50 } } },
  },
  'test',
);

const store = new ZoneStore();
store.addZoneData({
  ...Object.fromEntries(Object.keys(routes).map((host) => [host, [{ A: '192.0.2.80' }]])),
  'v6.fetch.test': [{ AAAA: '2001:db8::80' }],
  'noaddress.fetch.test': [{ TXT: 'no address here' }],
  'broken.fetch.test': ['SERVFAIL'],
  'closed.fetch.test': [{ A: '192.0.2.99' }],
});

let ca: TestCa;
let lab: LabHttps;
let fetcher: NodeHttpsFetcher;
let closedPort: number;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

before(async () => {
  ca = await createTestCa();
  lab = await startLabHttps({ store, ca, routes });
  closedPort = await freePort();
  const map = new TableAddressMap(lab.addressMapEntries);
  map.add({ from: { address: '2001:db8::80', port: 443 }, to: { address: lab.address, port: lab.port } });
  map.add({ from: { address: '192.0.2.99', port: 443 }, to: { address: '127.0.0.1', port: closedPort } });
  fetcher = new NodeHttpsFetcher(new ZoneClient(store), { addressMap: map, ca: [ca.rootPem] });
});

after(async () => {
  await lab.stop();
});

const get = (host: string, options: { maxBytes?: number; timeoutMs?: number } = {}): Promise<HttpsResponse> =>
  fetcher.get({
    url: `https://${host}/p`,
    maxBytes: options.maxBytes ?? 65536,
    timeoutMs: options.timeoutMs ?? 5000,
  });

function response(result: HttpsResponse): Extract<HttpsResponse, { kind: 'response' }> {
  assert.equal(result.kind, 'response', JSON.stringify(result));
  return result as Extract<HttpsResponse, { kind: 'response' }>;
}

describe('NodeHttpsFetcher against the lab', () => {
  it('fetches a page over a valid chain, with lower-case headers and the DNS address', async () => {
    const result = response(await get('valid.fetch.test'));
    assert.equal(result.status, 200);
    assert.equal(result.tls.authorized, true);
    assert.equal(result.tls.error, undefined);
    assert.equal(result.headers['content-type'], 'text/plain');
    assert.equal(Buffer.from(result.body).toString(), 'hello\n');
    assert.equal(result.truncated, false);
    assert.equal(result.remoteAddress, '192.0.2.80');
    assert.match(result.tls.certificate?.subjectAltName ?? '', /DNS:valid\.fetch\.test/);
  });

  it('accepts an ECDSA P-256 certificate and reaches an IPv6-only host through the map', async () => {
    assert.equal(response(await get('ec.fetch.test')).tls.authorized, true);
    const v6 = await fetcher.get({ url: 'https://v6.fetch.test/none', maxBytes: 1024, timeoutMs: 5000 });
    // The listener knows no v6.fetch.test: the fallback certificate names another host.
    assert.equal(response(v6).tls.code, 'ERR_TLS_CERT_ALTNAME_INVALID');
  });

  const badCertificates = [
    ['expired.fetch.test', 'CERT_HAS_EXPIRED', /expired/],
    ['future.fetch.test', 'CERT_NOT_YET_VALID', /not yet valid/],
    ['wrongname.fetch.test', 'ERR_TLS_CERT_ALTNAME_INVALID', /hostname mismatch/],
    ['selfsigned.fetch.test', 'DEPTH_ZERO_SELF_SIGNED_CERT', /self-signed/],
  ] as const;
  for (const [host, code, text] of badCertificates) {
    it(`reports ${code} for ${host} without throwing`, async () => {
      const result = response(await get(host));
      assert.equal(result.tls.authorized, false);
      assert.equal(result.tls.code, code);
      assert.match(result.tls.error ?? '', text);
    });
  }

  it('does not trust the lab CA unless told to', async () => {
    const strict = new NodeHttpsFetcher(new ZoneClient(store), {
      addressMap: new TableAddressMap(lab.addressMapEntries),
    });
    const result = response(
      await strict.get({ url: 'https://valid.fetch.test/p', maxBytes: 100, timeoutMs: 5000 }),
    );
    assert.equal(result.tls.authorized, false);
    assert.match(result.tls.error ?? '', /untrusted|self-signed/);
  });

  it('builds one TLS context for all its requests, and each request still verifies its own certificate', async () => {
    const original = tls.createSecureContext;
    let built = 0;
    tls.createSecureContext = (options) => {
      built += 1;
      return original(options);
    };
    try {
      const own = new NodeHttpsFetcher(new ZoneClient(store), {
        addressMap: new TableAddressMap(lab.addressMapEntries),
        ca: [ca.rootPem],
      });
      const fetchOwn = (host: string) =>
        own.get({ url: `https://${host}/p`, maxBytes: 100, timeoutMs: 5000 });
      const verdicts = [];
      for (const host of ['valid.fetch.test', 'expired.fetch.test', 'valid.fetch.test', 'ec.fetch.test'])
        verdicts.push(response(await fetchOwn(host)).tls.code ?? 'ok');
      assert.deepEqual(verdicts, ['ok', 'CERT_HAS_EXPIRED', 'ok', 'ok']);
      assert.equal(built, 1);
    } finally {
      tls.createSecureContext = original;
    }
  });

  it('returns a redirect as is, without following it', async () => {
    const result = response(await get('redirect.fetch.test'));
    assert.equal(result.status, 301);
    assert.equal(result.headers.location, 'https://valid.fetch.test/p');
    assert.equal(result.body.length, 0);
  });

  it('reports the content type the server sent', async () => {
    assert.equal(response(await get('html.fetch.test')).headers['content-type'], 'text/html');
  });

  it('cuts an oversized body at maxBytes', async () => {
    const result = response(await get('big.fetch.test', { maxBytes: 1000 }));
    assert.equal(result.truncated, true);
    assert.equal(result.body.length, 1000);
  });

  it('gives up on a slow body when the whole-request budget runs out', async () => {
    const result = await get('slow.fetch.test', { timeoutMs: 300 });
    assert.equal(result.kind, 'error');
    assert.equal(result.kind === 'error' && result.reason, 'timeout');
  });

  it('tells a name without address apart from a DNS failure', async () => {
    const none = await get('noaddress.fetch.test');
    assert.equal(none.kind === 'error' && none.reason, 'no-address');
    const broken = await get('broken.fetch.test');
    assert.equal(broken.kind === 'error' && broken.reason, 'dns');
    assert.match(broken.kind === 'error' ? broken.detail : '', /servfail/);
  });

  it('reports a refused connection as a connect error', async () => {
    const result = await get('closed.fetch.test');
    assert.equal(result.kind === 'error' && result.reason, 'connect');
  });

  it('refuses URLs that are not https', async () => {
    const result = await fetcher.get({ url: 'http://valid.fetch.test/p', maxBytes: 10, timeoutMs: 1000 });
    assert.equal(result.kind === 'error' && result.reason, 'other');
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await fetcher.get({
      url: 'https://slow.fetch.test/p',
      maxBytes: 10,
      timeoutMs: 5000,
      signal: controller.signal,
    });
    assert.equal(result.kind, 'error');
  });
});
