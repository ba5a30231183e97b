// A fleet's scanning thread (`telltale fleet --workers N`): opens its own runtime from the setup it is given,
// scans the domains the main thread sends, and answers each with the rendered line or the report.

import { setMaxListeners } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import type { DomainCheck } from '../checks/check.js';
import { builtinChecks } from '../checks/registry.js';
import { formatter } from '../fleet/formats.js';
import { exceedsThreshold } from '../fleet/threshold.js';
import type { FromWorker, ToWorker, WorkerResult, WorkerSetup } from '../fleet/worker-protocol.js';
import type { Report } from '../model/report.js';
import { openRuntime } from './runtime.js';
import { scanDomains } from './scan-domains.js';

if (parentPort === null) throw new Error('fleet-worker runs only as a worker thread of `telltale fleet`');
const port = parentPort;
const { setup } = workerData as { readonly setup: WorkerSetup };

const known = new Map(builtinChecks.map((check) => [check.name, check]));
const checks = setup.checkNames.map((name): DomainCheck => {
  const check = known.get(name);
  if (check === undefined) throw new Error(`no built-in check named ${name}`);
  return check;
});

const toResult = ((): ((report: Report) => WorkerResult) => {
  const output = setup.output;
  switch (output.kind) {
    case 'report':
      return (report) => report;
    case 'text': {
      const { render } = formatter(output.format);
      return (report) => ({
        domain: report.target.domain,
        text: render(report),
        exceedsThreshold: exceedsThreshold(report, output.failOn),
      });
    }
  }
})();

const runtime = await openRuntime({
  resolvers: setup.resolvers,
  timeoutMs: setup.timeoutMs,
  cacheEntries: setup.cacheEntries,
});
const controller = new AbortController();
// Every domain in flight on this thread listens on it.
setMaxListeners(0, controller.signal);
const send = (message: FromWorker): void => port.postMessage(message);

async function scan(id: number, domain: string): Promise<void> {
  try {
    const [report] = await scanDomains([domain], runtime, checks, setup.checkOptions, controller.signal);
    if (report === undefined) throw new Error('no report');
    send({ kind: 'done', id, result: toResult(report) });
  } catch (error) {
    send({ kind: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
}

async function close(): Promise<void> {
  const stats = runtime.dnsStats?.();
  await runtime.close();
  send({ kind: 'closed', ...(stats === undefined ? {} : { stats }) });
  port.close();
}

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'scan':
      void scan(message.id, message.domain);
      return;
    case 'abort':
      controller.abort();
      return;
    case 'close':
      void close();
      return;
  }
});
send({ kind: 'ready' });
