// The address map: lab translations by address and port, identity for everything else.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { identityAddressMap, TableAddressMap } from './address-map.js';

describe('TableAddressMap', () => {
  it('maps a DNS address and port to a loopback socket, and nothing else', () => {
    const map = new TableAddressMap([
      { from: { address: '192.0.2.80', port: 443 }, to: { address: '127.0.0.1', port: 41234 } },
    ]);
    assert.deepEqual(map.resolve({ address: '192.0.2.80', port: 443 }), {
      address: '127.0.0.1',
      port: 41234,
    });
    assert.deepEqual(map.resolve({ address: '192.0.2.80', port: 25 }), { address: '192.0.2.80', port: 25 });
  });
  it('matches IPv6 addresses however they are written', () => {
    const map = new TableAddressMap();
    map.add({ from: { address: '[2001:DB8::1]', port: 443 }, to: { address: '::1', port: 1 } });
    assert.deepEqual(map.resolve({ address: '2001:db8::1', port: 443 }), { address: '::1', port: 1 });
    assert.equal(map.entries().length, 1);
  });
  it('identity changes nothing', () => {
    assert.deepEqual(identityAddressMap.resolve({ address: '198.51.100.1', port: 443 }), {
      address: '198.51.100.1',
      port: 443,
    });
  });
});
