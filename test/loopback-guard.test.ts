import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { test } from 'node:test';
import { isLoopback } from './loopback-guard.js';

test('loopback addresses are recognised, others are not', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) {
    assert.equal(isLoopback(host), true, host);
  }
  for (const host of ['10.0.0.1', '192.0.2.1', '8.8.8.8', '::', '2001:db8::1', 'example.com', '128.0.0.1']) {
    assert.equal(isLoopback(host), false, host);
  }
});

test('the guard refuses a TCP connection beyond loopback', () => {
  assert.throws(() => net.connect({ host: '192.0.2.1', port: 25 }), /loopback guard/);
  assert.throws(() => net.connect(25, '198.51.100.7'), /loopback guard/);
});

test('the guard refuses a datagram beyond loopback', () => {
  const socket = dgram.createSocket('udp4');
  try {
    assert.throws(() => socket.send(Buffer.from('x'), 53, '192.0.2.53'), /loopback guard/);
  } finally {
    socket.close();
  }
});

test('the guard refuses to connect a UDP socket beyond loopback, and lets a loopback one connect', async () => {
  const socket = dgram.createSocket('udp4');
  try {
    assert.throws(() => socket.connect(53, '192.0.2.53'), /loopback guard/);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.connect(9, '127.0.0.1', resolve);
    });
  } finally {
    socket.close();
  }
});
