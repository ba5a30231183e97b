// Loaded before every test file: any connection or datagram to an address outside 127.0.0.0/8 and ::1
// throws, so a test can never reach the internet, even by mistake.

import dgram from 'node:dgram';
import net from 'node:net';

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost' || bare === '::1') return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)) return true;
  return /^::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(bare);
}

function refuse(host: unknown): never {
  throw new Error(`loopback guard: tests may only talk to 127.0.0.0/8 or ::1, not ${String(host)}`);
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  let host: unknown;
  if (Array.isArray(first)) host = (first[0] as { host?: unknown } | undefined)?.host ?? 'localhost';
  else if (typeof first === 'object' && first !== null) {
    const options = first as { host?: unknown; path?: unknown };
    host = options.path === undefined ? (options.host ?? 'localhost') : 'localhost';
  } else if (typeof first === 'string' && Number.isNaN(Number(first))) host = 'localhost';
  else host = typeof args[1] === 'string' ? args[1] : 'localhost';
  if (!isLoopback(String(host))) refuse(host);
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;

const originalSend = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function guardedSend(this: dgram.Socket, ...args: unknown[]) {
  const host = args.find((arg, index) => index > 0 && typeof arg === 'string');
  if (host !== undefined && !isLoopback(String(host))) refuse(host);
  return (originalSend as (...a: unknown[]) => void).apply(this, args);
} as typeof dgram.Socket.prototype.send;

// A connected UDP socket sends without an address: the destination is checked when it is connected.
const originalDgramConnect = dgram.Socket.prototype.connect;
dgram.Socket.prototype.connect = function guardedDgramConnect(this: dgram.Socket, ...args: unknown[]) {
  const host = typeof args[1] === 'string' ? args[1] : 'localhost';
  if (!isLoopback(host)) refuse(host);
  return (originalDgramConnect as (...a: unknown[]) => void).apply(this, args);
} as typeof dgram.Socket.prototype.connect;
