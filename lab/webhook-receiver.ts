// A lab webhook receiver on 127.0.0.1 (HTTP, or HTTPS with a lab certificate): records every alert posted
// to it and answers with scripted status codes, so tests can see payloads and make delivery fail.

import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ReceivedPost {
  readonly method: string;
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  readonly json: unknown;
  /** The status this receiver answered with. */
  readonly status: number;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:PORT/PATH` (or https://127.0.0.1:PORT/PATH with TLS). */
  url(path?: string): string;
  /** Every request, in arrival order, failed ones included. */
  readonly received: readonly ReceivedPost[];
  /** Statuses for the next requests, in order (e.g. [500, 500] then the default 200). */
  script(statuses: readonly number[]): void;
  stop(): Promise<void>;
}

export interface WebhookReceiverOptions {
  /** Serve HTTPS with this key and certificate chain (issued by the lab CA for 127.0.0.1). */
  readonly tls?: { readonly keyPem: string; readonly chainPem: string };
  /** Bodies above this are refused (413) and not kept. Default 1 MiB. */
  readonly maxBodyBytes?: number;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const received: ReceivedPost[] = [];
  const queue: number[] = [];
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => {
      if (tooLarge) {
        response.writeHead(413).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      const status = queue.shift() ?? 200;
      received.push({
        method: request.method ?? '',
        path: request.url ?? '/',
        contentType: String(request.headers['content-type'] ?? ''),
        body,
        json,
        status,
      });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'failed');
    });
  };
  const server: Server =
    options.tls === undefined
      ? createHttpServer(handle)
      : createHttpsServer({ key: options.tls.keyPem, cert: options.tls.chainPem }, handle);
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => listening());
  });
  const { port } = server.address() as AddressInfo;
  const base = options.tls === undefined ? `http://127.0.0.1:${port}` : `https://127.0.0.1:${port}`;
  return {
    url: (path = '/hook') => `${base}${path.startsWith('/') ? path : `/${path}`}`,
    received,
    script: (statuses) => {
      queue.push(...statuses);
    },
    stop: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
