// Where a socket really goes: the lab maps the documentation addresses its DNS hands out (192.0.2.80:443)
// to its loopback listeners; in production the map is the identity. HTTPS and SMTP dialers share it.

export interface SocketAddress {
  readonly address: string;
  readonly port: number;
}

export interface AddressMapEntry {
  /** The address and port as DNS and the protocol gave them. */
  readonly from: SocketAddress;
  /** The socket actually dialled. */
  readonly to: SocketAddress;
}

export interface AddressMap {
  /** The socket to dial for an address DNS returned; the TLS name and Host header do not change. */
  resolve(target: SocketAddress): SocketAddress;
}

export const identityAddressMap: AddressMap = { resolve: (target) => target };

/** Canonical key: IPv6 lower case without brackets, so `[2001:DB8::1]` and `2001:db8::1` meet. */
function key(target: SocketAddress): string {
  return `${target.address.replace(/^\[|\]$/g, '').toLowerCase()}|${target.port}`;
}

/** A fixed table; addresses not in it go through unchanged (so a lab can still reach a real loopback host). */
export class TableAddressMap implements AddressMap {
  private readonly table = new Map<string, SocketAddress>();

  constructor(entries: readonly AddressMapEntry[] = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: AddressMapEntry): void {
    this.table.set(key(entry.from), entry.to);
  }

  resolve(target: SocketAddress): SocketAddress {
    return this.table.get(key(target)) ?? target;
  }

  entries(): AddressMapEntry[] {
    return [...this.table].map(([from, to]) => {
      const cut = from.lastIndexOf('|');
      return { from: { address: from.slice(0, cut), port: Number(from.slice(cut + 1)) }, to };
    });
  }
}
