// Records every DNS answer (and HTTPS result) of a `--checks dns` fleet scan over a real resolver, once, so
// bench.mjs can replay the same scan without sockets. See README.md.
//
// Usage: node bench/checks/record.mjs DIST_DIR DOMAINS_FILE OUT_FILE [RESOLVER=127.0.0.1:5301] [CONCURRENCY=12]

import { readFileSync, writeFileSync } from 'node:fs';
import { answerKey, domainsOf, encodeValue, fixedClock, loadBuild, refusingFetcher } from './kit.mjs';

const [distDir, domainsFile, outFile, resolverText = '127.0.0.1:5301', concurrencyText = '12'] =
  process.argv.slice(2);
if (distDir === undefined || domainsFile === undefined || outFile === undefined) {
  console.error('usage: record.mjs DIST_DIR DOMAINS_FILE OUT_FILE [HOST:PORT] [CONCURRENCY]');
  process.exit(2);
}
const build = await loadBuild(distDir);
const { createDnsClient } = await build.from('src/net/dns/client.js');
const { NodeHttpsFetcher } = await build.from('src/net/http/https-fetcher.js');
const [host, port] = resolverText.split(':');
const wire = createDnsClient({ resolvers: [{ host, port: Number(port) }], timeoutMs: 2500, dnssec: true });

const answers = new Map();
let errors = 0;
const dns = {
  async query(name, type, options) {
    const answer = await wire.query(name, type, options);
    const key = answerKey(name, type, options);
    // The first answer wins, as the wire client's cache would give it again within a run.
    if (!answers.has(key)) answers.set(key, answer);
    if (answer.kind === 'error') errors++;
    return answer;
  },
};
const fetches = new Map();
const real = new NodeHttpsFetcher(dns);
const https = {
  async get(request) {
    const response = await real.get(request);
    fetches.set(request.url, response);
    return response;
  },
};

const domains = domainsOf(readFileSync(domainsFile, 'utf8'));
let next = 0;
const worker = async () => {
  while (next < domains.length) {
    const domain = domains[next++];
    const parsed = build.parseDomain(domain);
    if (!parsed.ok) throw new Error(parsed.error);
    await build.runScan({
      target: parsed.target,
      checks: build.checks,
      resolvers: ['127.0.0.1:53'],
      context: {
        dns,
        https,
        clock: fixedClock,
        signal: new AbortController().signal,
        options: { dkimSelectors: [] },
      },
    });
  }
};
await Promise.all(Array.from({ length: Number(concurrencyText) }, worker));
await wire.close();

// The replay's fetcher must give what the real one gave (a refused connection, or no address).
const replayFetcher = refusingFetcher({
  query: async (name, type, options) => answers.get(answerKey(name, type, options)),
});
let fetchMismatches = 0;
for (const [url, response] of fetches) {
  const replayed = await replayFetcher.get({ url, maxBytes: 0, timeoutMs: 0 });
  if (JSON.stringify(replayed) !== JSON.stringify(response)) {
    fetchMismatches++;
    if (fetchMismatches <= 3)
      console.error('fetch differs:', JSON.stringify(response), JSON.stringify(replayed));
  }
}

const lines = [JSON.stringify({ domains })];
for (const [key, answer] of answers) lines.push(JSON.stringify([key, answer], encodeValue));
writeFileSync(outFile, `${lines.join('\n')}\n`);
console.log(
  `${domains.length} domains, ${answers.size} answers recorded (${errors} DNS errors), ${fetches.size} HTTPS fetches (${fetchMismatches} the replay would answer differently) -> ${outFile}`,
);
