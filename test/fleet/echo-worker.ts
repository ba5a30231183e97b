// A stand-in scanning thread for the pool's tests: echoes domains back, fails or dies on request.

import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from '../../src/fleet/worker-protocol.js';

const { setup } = workerData as { readonly setup: WorkerSetup };
if (setup.checkNames.includes('fail-at-start')) throw new Error('cannot open the runtime');
if (parentPort === null) throw new Error('a worker thread only');
const port = parentPort;
const send = (message: FromWorker): void => port.postMessage(message);
let scanned = 0;

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'scan':
      if (message.domain === 'crash.test') process.exit(3);
      if (message.domain === 'throw.test') {
        send({ kind: 'failed', id: message.id, message: 'scan threw' });
        return;
      }
      scanned += 1;
      // Answer late, so several jobs are in flight at once.
      setTimeout(() => {
        send({
          kind: 'done',
          id: message.id,
          result: { domain: message.domain, text: `${message.domain}\n`, exceedsThreshold: false },
        });
      }, 5);
      return;
    case 'abort':
      return;
    case 'close':
      send({
        kind: 'closed',
        stats: {
          queriesSent: scanned,
          cacheHits: 0,
          inFlightJoins: 0,
          timeouts: 0,
          tcpFallbacks: 0,
          responsesIgnored: 0,
          cacheEntries: 0,
          inFlight: 0,
          queued: 0,
        },
      });
      port.close();
      return;
  }
});
send({ kind: 'ready' });
