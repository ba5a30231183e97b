// The DNS port: what every check asks of DNS, and the closed set of answers it can get back.

export type RecordType =
  | 'A'
  | 'AAAA'
  | 'CNAME'
  | 'MX'
  | 'NS'
  | 'PTR'
  | 'SOA'
  | 'TXT'
  | 'SPF'
  | 'SRV'
  | 'CAA'
  | 'TLSA'
  | 'DS'
  | 'DNSKEY';

export const recordTypes: readonly RecordType[] = [
  'A',
  'AAAA',
  'CNAME',
  'MX',
  'NS',
  'PTR',
  'SOA',
  'TXT',
  'SPF',
  'SRV',
  'CAA',
  'TLSA',
  'DS',
  'DNSKEY',
];

interface RecordBase {
  /** Owner name, lower case, no trailing dot. */
  readonly name: string;
  readonly ttl: number;
}

/**
 * TXT and SPF keep their character-strings apart: SPF and DKIM audits need to see how a record was
 * split. Strings are decoded as UTF-8 (invalid bytes become U+FFFD).
 */
export type DnsRecord =
  | (RecordBase & { readonly type: 'A'; readonly address: string })
  | (RecordBase & { readonly type: 'AAAA'; readonly address: string })
  | (RecordBase & { readonly type: 'CNAME'; readonly target: string })
  | (RecordBase & { readonly type: 'MX'; readonly preference: number; readonly exchange: string })
  | (RecordBase & { readonly type: 'NS'; readonly target: string })
  | (RecordBase & { readonly type: 'PTR'; readonly target: string })
  | (RecordBase & {
      readonly type: 'SOA';
      readonly mname: string;
      readonly rname: string;
      readonly serial: number;
      readonly refresh: number;
      readonly retry: number;
      readonly expire: number;
      readonly minimum: number;
    })
  | (RecordBase & { readonly type: 'TXT'; readonly strings: readonly string[] })
  | (RecordBase & { readonly type: 'SPF'; readonly strings: readonly string[] })
  | (RecordBase & {
      readonly type: 'SRV';
      readonly priority: number;
      readonly weight: number;
      readonly port: number;
      readonly target: string;
    })
  | (RecordBase & {
      readonly type: 'CAA';
      readonly flags: number;
      readonly tag: string;
      readonly value: string;
    })
  | (RecordBase & {
      readonly type: 'TLSA';
      readonly usage: number;
      readonly selector: number;
      readonly matchingType: number;
      readonly data: Uint8Array;
    })
  | (RecordBase & {
      readonly type: 'DS';
      readonly keyTag: number;
      readonly algorithm: number;
      readonly digestType: number;
      readonly digest: Uint8Array;
    })
  | (RecordBase & {
      readonly type: 'DNSKEY';
      readonly flags: number;
      readonly protocol: number;
      readonly algorithm: number;
      readonly key: Uint8Array;
    });

export type RecordOf<T extends RecordType> = Extract<DnsRecord, { type: T }>;

export type DnsErrorReason =
  | 'timeout'
  | 'servfail'
  | 'refused'
  | 'formerr'
  | 'notimp'
  | 'malformed'
  | 'network'
  | 'other';

interface AnswerBase {
  /** The name asked, lower case, no trailing dot. */
  readonly name: string;
  readonly type: RecordType;
}

/**
 * Every expected outcome of a query is a value, never an exception. `authenticated` is the AD bit
 * of the answer: only meaningful when the resolver validates DNSSEC.
 */
export type DnsAnswer<T extends RecordType = RecordType> =
  | (AnswerBase & {
      readonly kind: 'ok';
      readonly records: readonly RecordOf<T>[];
      /** CNAMEs followed to reach the records, in order (empty when the name was not an alias). */
      readonly aliases: readonly string[];
      readonly authenticated: boolean;
    })
  | (AnswerBase & {
      readonly kind: 'nxdomain';
      readonly aliases: readonly string[];
      readonly authenticated: boolean;
    })
  | (AnswerBase & {
      readonly kind: 'nodata';
      readonly aliases: readonly string[];
      readonly authenticated: boolean;
    })
  | (AnswerBase & {
      readonly kind: 'error';
      readonly reason: DnsErrorReason;
      /** Human-readable cause, naming the resolver(s) tried. */
      readonly detail: string;
    });

export interface QueryOptions {
  readonly signal?: AbortSignal;
  /** Set the CD (checking disabled) bit: tells a bogus zone apart from a broken one. */
  readonly checkingDisabled?: boolean;
}

/** The port checks receive. Implementations: the wire client (src/net/dns), the lab's in-memory zone client. */
export interface DnsClient {
  query<T extends RecordType>(name: string, type: T, options?: QueryOptions): Promise<DnsAnswer<T>>;
}

/** One resolver to send queries to. */
export interface ResolverAddress {
  readonly host: string;
  readonly port: number;
}
