// Micro-benchmark of the DNS client alone: CPU time per query against a real resolver (e.g. unbound from
// cache), so a change to src/net/dns can be measured without the checks' own cost around it.
//
// Usage: node bench/dns-client/bench.mjs DIST_DIR DOMAINS_FILE [RESOLVER=127.0.0.1:5301] [ROUNDS=3]
//   DIST_DIR: a build of telltale (npx tsc -p tsconfig.build.json --outDir DIST_DIR)
// Each round asks, for every domain, the questions a DNS scan asks most (MX, TXT, _dmarc TXT, A, AAAA,
// _mta-sts TXT, _smtp._tls TXT, default._bimi TXT), with a fresh client (so nothing comes from its cache),
// 32 domains at a time, each with its own abort signal as in a scan. Prints CPU µs per query (user+sys of this process) per round and their median.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [distDir, domainsFile, resolverText = '127.0.0.1:5301', roundsText = '3'] = process.argv.slice(2);
if (distDir === undefined || domainsFile === undefined) {
  console.error('usage: bench.mjs DIST_DIR DOMAINS_FILE [HOST:PORT] [ROUNDS]');
  process.exit(2);
}
const clientModule = pathToFileURL(path.resolve(distDir, 'src/net/dns/client.js')).href;
const { createDnsClient } = await import(clientModule);
const [host, port] = resolverText.split(':');
const domains = readFileSync(domainsFile, 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const questions = (domain) => [
  [domain, 'MX'],
  [domain, 'TXT'],
  [`_dmarc.${domain}`, 'TXT'],
  [domain, 'A'],
  [domain, 'AAAA'],
  [`_mta-sts.${domain}`, 'TXT'],
  [`_smtp._tls.${domain}`, 'TXT'],
  [`default._bimi.${domain}`, 'TXT'],
];

async function round() {
  const dns = createDnsClient({ resolvers: [{ host, port: Number(port) }], timeoutMs: 2500, dnssec: true });
  let next = 0;
  let errors = 0;
  const worker = async () => {
    while (next < domains.length) {
      const domain = domains[next++];
      // One signal per domain, as a scan passes its own to every query of its checks.
      const { signal } = new AbortController();
      const answers = await Promise.all(
        questions(domain).map(([name, type]) => dns.query(name, type, { signal })),
      );
      for (const answer of answers) if (answer.kind === 'error') errors++;
    }
  };
  const before = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: 32 }, worker));
  const cpu = process.cpuUsage(before);
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const sent = dns.stats().queriesSent;
  await dns.close();
  return {
    perQuery: (cpu.user + cpu.system) / sent,
    sent,
    errors,
    wallMs,
    user: cpu.user,
    system: cpu.system,
  };
}

const rounds = Number(roundsText);
const results = [];
await round(); // warm-up: JIT, and the resolver's cache
for (let i = 0; i < rounds; i++) {
  const result = await round();
  results.push(result.perQuery);
  console.log(
    `round ${i + 1}: ${result.sent} queries, ${result.errors} errors, ${result.perQuery.toFixed(1)} µs CPU/query ` +
      `(user ${(result.user / 1000).toFixed(0)} ms, sys ${(result.system / 1000).toFixed(0)} ms, wall ${result.wallMs.toFixed(0)} ms)`,
  );
}
results.sort((a, b) => a - b);
console.log(`median: ${results[Math.floor(results.length / 2)].toFixed(1)} µs CPU/query`);
