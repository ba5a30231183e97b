// Entry of a scanner worker thread: scans the files the pool hands it, one at a time, and posts back
// each file's outcome and the bytes read (for the progress bar).

import { parentPort, workerData } from 'node:worker_threads';
import { scanOneFile } from './scan-files.js';
import type { FromWorker, ToWorker, WorkerScanOptions } from './worker-pool.js';

const port = parentPort;
if (port === null) throw new Error('scan-worker.ts runs only as a worker thread');
const scan = workerData as WorkerScanOptions;
const post = (message: FromWorker): void => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  switch (message.kind) {
    case 'scan':
      void scanOneFile(message.entry, {
        ...scan,
        concurrency: 1,
        onBytes: (count) => post({ kind: 'bytes', count }),
      }).then((outcome) => post({ kind: 'done', index: message.index, outcome }));
      return;
    case 'stop':
      port.close();
      return;
  }
});
post({ kind: 'ready' });
