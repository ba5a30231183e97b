// What the recorder and the replay bench share: loading a build, the scan set-up of a fleet (--checks dns,
// a fixed clock), the recording's file format, and an HTTPS fetcher that is refused without a socket.

import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Imports the modules the bench needs from a build (npx tsc -p tsconfig.build.json --outDir DIST_DIR). */
export async function loadBuild(distDir) {
  const from = (file) => import(pathToFileURL(path.resolve(distDir, file)).href);
  const [registry, select, scan, domainName, formats, dkim] = await Promise.all([
    from('src/checks/registry.js'),
    from('src/fleet/select-checks.js'),
    from('src/scan/run-scan.js'),
    from('src/scan/domain-name.js'),
    from('src/fleet/formats.js'),
    from('src/checks/dns/dkim.js'),
  ]);
  // DKIM's wildcard guard asks a random selector: a fixed one makes the questions, and so the recording and
  // the reports, the same from run to run.
  const dkimCheck = dkim.createDkimCheck({ randomSelector: () => 'tt-5eed5eed5eed5eed' });
  return {
    from,
    checks: select
      .selectChecks(registry.builtinChecks, new Set(['dns']))
      .map((check) => (check.name === 'dkim' ? dkimCheck : check)),
    runScan: scan.runScan,
    parseDomain: domainName.parseDomain,
    jsonlLine: formats.jsonlLine,
  };
}

/** A fixed clock: reports (startedAt, durationMs, dataset ages) are then identical from run to run. */
export const fixedClock = { now: () => new Date('2026-12-01T00:00:00.000Z') };

/** The key of a recorded answer: the name as asked, the type, and the CD bit (DNSSEC asks both ways). */
export function answerKey(name, type, options) {
  return `${name}\t${type}\t${options?.checkingDisabled === true ? 'cd' : ''}`;
}

// Byte fields (TLSA, DS, DNSKEY) survive JSON as {"$bytes": base64}.
export function encodeValue(_key, value) {
  return value instanceof Uint8Array ? { $bytes: Buffer.from(value).toString('base64') } : value;
}

export function decodeValue(_key, value) {
  if (value !== null && typeof value === 'object' && typeof value.$bytes === 'string') {
    return new Uint8Array(Buffer.from(value.$bytes, 'base64'));
  }
  return value;
}

export function domainsOf(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The fetcher of the replay: resolves the host through the DnsClient as the real one does, then fails the
 * way a refused TCP connection fails there (same reasons and detail text), without opening a socket.
 */
export function refusingFetcher(dns) {
  const describe = (answer) =>
    answer.kind === 'error'
      ? `${answer.name} ${answer.type}: ${answer.reason} (${answer.detail})`
      : `${answer.name} ${answer.type}: ${answer.kind}`;
  return {
    async get(request) {
      const url = new URL(request.url);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      const port = url.port === '' ? 443 : Number(url.port);
      const [a, aaaa] = await Promise.all([
        dns.query(host, 'A', { signal: request.signal }),
        dns.query(host, 'AAAA', { signal: request.signal }),
      ]);
      const addresses = [
        ...(a.kind === 'ok' ? a.records.map((record) => record.address) : []),
        ...(aaaa.kind === 'ok' ? aaaa.records.map((record) => record.address) : []),
      ];
      const fail = (reason, detail) => ({ kind: 'error', url: request.url, reason, detail });
      if (addresses.length === 0) {
        if (a.kind === 'error' || aaaa.kind === 'error')
          return fail('dns', `could not resolve ${host}: ${describe(a)}; ${describe(aaaa)}`);
        return fail('no-address', `${host} has no address: A ${a.kind}, AAAA ${aaaa.kind}`);
      }
      const refused = addresses.map((address) => `${address}: connect ECONNREFUSED ${address}:${port}`);
      return fail('connect', `could not connect to ${host}: ${refused.join('; ')}`);
    },
  };
}
