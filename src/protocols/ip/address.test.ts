// Table tests for IP parsing, RFC 5952 formatting, CIDR membership, reverse names and classification.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { AddressClass, IpAddress, Ipv6Address } from './address.js';
import {
  classifyAddress,
  formatIp,
  inCidr,
  ipv6Nibbles,
  parseIp,
  reverseName,
  specialBlock,
} from './address.js';

function ip(text: string): IpAddress {
  const address = parseIp(text);
  assert.ok(address, `test setup: ${text} should parse`);
  return address;
}

function ip6(text: string): Ipv6Address {
  const address = ip(text);
  assert.equal(address.family, 6);
  return address as Ipv6Address;
}

describe('parseIp', () => {
  const valid: [string, 4 | 6, number[]][] = [
    ['192.0.2.1', 4, [192, 0, 2, 1]],
    ['0.0.0.0', 4, [0, 0, 0, 0]],
    ['255.255.255.255', 4, [255, 255, 255, 255]],
    ['10.0.100.9', 4, [10, 0, 100, 9]],
    ['::', 6, new Array(16).fill(0)],
    ['::1', 6, [...new Array(15).fill(0), 1]],
    ['1::', 6, [0, 1, ...new Array(14).fill(0)]],
    ['2001:DB8::8:800:200C:417A', 6, [0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 8, 8, 0, 0x20, 0x0c, 0x41, 0x7a]],
    ['2001:db8:0:0:8:800:200c:417a', 6, [0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 8, 8, 0, 0x20, 0x0c, 0x41, 0x7a]],
    ['0001:0002:0003:0004:0005:0006:0007:0008', 6, [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]],
    ['1:2:3:4:5:6:7::', 6, [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 0]],
    ['::2:3:4:5:6:7:8', 6, [0, 0, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]],
    ['::ffff:192.0.2.1', 6, [...new Array(10).fill(0), 0xff, 0xff, 192, 0, 2, 1]],
    ['::13.1.68.3', 6, [...new Array(12).fill(0), 13, 1, 68, 3]],
    ['0:0:0:0:0:FFFF:129.144.52.38', 6, [...new Array(10).fill(0), 0xff, 0xff, 129, 144, 52, 38]],
    ['64:ff9b::198.51.100.7', 6, [0, 0x64, 0xff, 0x9b, ...new Array(8).fill(0), 198, 51, 100, 7]],
  ];
  for (const [text, family, bytes] of valid) {
    it(`parses ${text}`, () => {
      const address = parseIp(text);
      assert.deepEqual(address, { family, bytes: Uint8Array.from(bytes) });
    });
  }

  const invalid: [string, string][] = [
    ['', 'empty'],
    ['192.0.2', 'three parts'],
    ['192.0.2.1.5', 'five parts'],
    ['127.1', 'inet_aton shorthand'],
    ['192.0.2.256', 'octet above 255'],
    ['192.0.02.1', 'leading zero (octal in inet_aton)'],
    ['010.0.0.1', 'leading zero first octet'],
    ['00.0.0.1', 'double zero'],
    ['0x7f.0.0.1', 'hex octet'],
    [' 192.0.2.1', 'leading space'],
    ['192.0.2.1 ', 'trailing space'],
    ['192.0.2.-1', 'sign'],
    ['+1.0.0.1', 'plus sign'],
    ['192.0.2.1/24', 'CIDR suffix'],
    ['١٩٢.0.2.1', 'non-ASCII digits'],
    ['mail.example.com', 'a host name'],
    [':::', 'triple colon'],
    ['1::2::3', 'two double colons'],
    ['1:2:3:4:5:6:7:8:9', 'nine groups'],
    ['1:2:3:4:5:6:7', 'seven groups without ::'],
    ['1:2:3:4:5:6:7:8::', ':: with eight explicit groups'],
    ['::1:2:3:4:5:6:7:8', ':: in front of eight groups'],
    [':1::2', 'leading single colon'],
    ['1::2:', 'trailing single colon'],
    ['12345::1', 'group of five digits'],
    ['g::1', 'non-hex digit'],
    ['fe80::1%eth0', 'zone id'],
    ['fe80::1%25eth0', 'URI-encoded zone id'],
    ['[::1]', 'brackets'],
    ['::ffff:192.0.2', 'short embedded IPv4'],
    ['::ffff:192.0.2.01', 'embedded IPv4 with leading zero'],
    ['::192.0.2.1:1', 'embedded IPv4 not last'],
    ['1:2:3:4:5:6:7:1.2.3.4', 'embedded IPv4 making nine groups'],
    ['1.2.3.4::', 'IPv4 before ::'],
    ['2001:db8::/32', 'CIDR suffix'],
    [`${'0:'.repeat(30)}0`, 'too long'],
  ];
  for (const [text, why] of invalid) {
    it(`rejects ${JSON.stringify(text)} (${why})`, () => {
      assert.equal(parseIp(text), undefined);
    });
  }
});

describe('formatIp (RFC 5952)', () => {
  const cases: [string, string][] = [
    ['192.0.2.1', '192.0.2.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['1:0:0:0:0:0:0:0', '1::'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // §4.2.3: first of equal runs
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // §4.2.3: longest run wins
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // §4.2.2: a single zero group stays
    ['2001:db8::0:1', '2001:db8::1'],
    ['2001:db8:aaaa:bbbb:cccc:dddd:eeee:0001', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'],
    ['fe80:0:0:0:0200:5efe:c000:0201', 'fe80::200:5efe:c000:201'],
    ['::ffff:c000:0201', '::ffff:192.0.2.1'], // §5: IPv4-mapped keeps its dotted quad
    ['::13.1.68.3', '::d01:4403'],
    ['64:ff9b::198.51.100.7', '64:ff9b::c633:6407'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => {
      assert.equal(formatIp(ip(input)), expected);
      assert.deepEqual(ip(expected), ip(input), 'the canonical text parses back to the same address');
    });
  }
});

describe('inCidr', () => {
  const cases: [string, string, number, boolean][] = [
    ['192.0.2.1', '192.0.2.0', 24, true],
    ['192.0.3.1', '192.0.2.0', 24, false],
    ['192.0.2.1', '192.0.2.99', 24, true], // host bits in the network are ignored
    ['10.255.255.255', '10.0.0.0', 8, true],
    ['100.127.0.1', '100.64.0.0', 10, true],
    ['100.128.0.1', '100.64.0.0', 10, false],
    ['172.31.255.255', '172.16.0.0', 12, true],
    ['172.32.0.0', '172.16.0.0', 12, false],
    ['203.0.113.9', '0.0.0.0', 0, true],
    ['203.0.113.9', '203.0.113.9', 32, true],
    ['203.0.113.9', '203.0.113.8', 32, false],
    ['203.0.113.9', '203.0.113.8', 31, true],
    ['2001:db8::1', '2001:db8::', 32, true],
    ['2001:db9::1', '2001:db8::', 32, false],
    ['fe80::1', 'fe80::', 10, true],
    ['febf::1', 'fe80::', 10, true],
    ['fec0::1', 'fe80::', 10, false],
    ['::1', '::', 0, true],
    ['::ffff:192.0.2.1', '192.0.2.0', 24, false], // families never mix
    ['192.0.2.1', '::ffff:192.0.2.0', 120, false],
  ];
  for (const [address, network, prefix, expected] of cases) {
    it(`${address} in ${network}/${prefix} is ${expected}`, () => {
      assert.equal(inCidr(ip(address), ip(network), prefix), expected);
    });
  }

  it('rejects impossible prefix lengths', () => {
    assert.throws(() => inCidr(ip('192.0.2.1'), ip('192.0.2.0'), 33), RangeError);
    assert.throws(() => inCidr(ip('::1'), ip('::'), 129), RangeError);
    assert.throws(() => inCidr(ip('::1'), ip('::'), -1), RangeError);
    assert.throws(() => inCidr(ip('::1'), ip('::'), 1.5), RangeError);
  });
});

describe('reverseName and ipv6Nibbles', () => {
  it('builds in-addr.arpa names', () => {
    assert.equal(reverseName(ip('192.0.2.1')), '1.2.0.192.in-addr.arpa');
  });

  it('builds ip6.arpa names (RFC 3596 §2.5 example)', () => {
    assert.equal(
      reverseName(ip('4321:0:1:2:3:4:567:89ab')),
      'b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa',
    );
  });

  it('lists the 32 nibbles most significant first (RFC 7208 §7.3 example)', () => {
    const nibbles = ipv6Nibbles(ip6('2001:db8::cb01'));
    assert.equal(nibbles.length, 32);
    assert.equal(nibbles.join('.'), '2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.c.b.0.1');
  });
});

describe('classifyAddress', () => {
  const cases: [string, AddressClass][] = [
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'this-network'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.254', 'shared'],
    ['100.128.0.1', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['169.254.10.10', 'link-local'],
    ['192.0.0.1', 'protocol-assignment'],
    ['192.0.0.9', 'public'], // PCP anycast is globally reachable
    ['192.0.2.10', 'documentation'],
    ['198.51.100.10', 'documentation'],
    ['203.0.113.10', 'documentation'],
    ['192.88.99.1', 'reserved'],
    ['198.18.0.1', 'benchmark'],
    ['198.19.255.255', 'benchmark'],
    ['198.20.0.1', 'public'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.254', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['::ffff:192.0.2.1', 'ipv4-mapped'],
    ['::ffff:8.8.8.8', 'ipv4-mapped'],
    ['::8.8.8.8', 'ipv4-compatible'],
    ['64:ff9b::8.8.8.8', 'nat64'],
    ['64:ff9b:1::1', 'nat64'],
    ['100::1', 'discard-only'],
    ['2001::1', 'teredo'],
    ['2001:1::1', 'public'],
    ['2001:2::1', 'benchmark'],
    ['2001:10::1', 'reserved'],
    ['2001:20::1', 'public'],
    ['2001:100::1', 'protocol-assignment'],
    ['2001:200::1', 'public'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['2002:c000:201::1', '6to4'],
    ['2a00:1450:4001::1', 'public'],
    ['2620:4f:8000::1', 'public'],
    ['5f00::1', 'segment-routing'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['4000::1', 'reserved'],
    ['1::1', 'reserved'],
  ];
  for (const [text, expected] of cases) {
    it(`${text} is ${expected}`, () => {
      assert.equal(classifyAddress(ip(text)), expected);
    });
  }

  it('names the registry block for messages', () => {
    assert.deepEqual(specialBlock(ip('10.9.8.7')), {
      cidr: '10.0.0.0/8',
      name: 'Private-Use',
      source: 'RFC 1918',
      addressClass: 'private',
    });
    assert.equal(specialBlock(ip('8.8.8.8')), undefined);
  });
});

// The IPv4 reader is a hand-written scanner: it must accept exactly what split('.') and a strict octet pattern do.
function referenceIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^(?:0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
    octets.push(Number(part));
  }
  return octets;
}

describe('IPv4 text', () => {
  it('is read exactly as a split on dots with strict octets would read it', () => {
    const ipv4ish = fc.stringMatching(/^[0-9.]{0,19}$/);
    const noisy = fc.string({
      unit: fc.constantFrom('0', '1', '2', '5', '9', '.', ' ', 'a', '+', '-', '\n', '٣'),
      maxLength: 19,
    });
    fc.assert(
      fc.property(fc.oneof(ipv4ish, noisy), (text) => {
        const parsed = text.includes(':') ? undefined : parseIp(text);
        const expected = text.length === 0 ? undefined : referenceIpv4(text);
        assert.deepEqual(parsed === undefined ? undefined : [...parsed.bytes], expected);
      }),
      { numRuns: 5000 },
    );
    for (const text of [
      '0.0.0.0',
      '255.255.255.255',
      '1.2.3.04',
      '1.2.3.256',
      '1.2.3',
      '1.2.3.4.',
      '.1.2.3',
      '1..2.3',
    ])
      assert.deepEqual(
        parseIp(text) === undefined ? undefined : [...(parseIp(text)?.bytes ?? [])],
        referenceIpv4(text),
      );
  });

  it('is written back as four decimal octets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), (bytes) => {
        assert.equal(formatIp({ family: 4, bytes }), Array.from(bytes, String).join('.'));
      }),
    );
  });
});
