// Reads a DNS response packet straight into what the wire client judges (header, question, answer
// records as DnsRecords, authority SOAs, the OPT's extended RCODE), skipping every other record unbuilt.

import type { DnsRecord } from './types.js';

/** What interpretResponse needs of a response; the rest of the packet was checked, not kept. */
export interface DecodedResponse {
  /** Header octets 2–3: QR, opcode, AA, TC, RD, RA, Z, AD, CD and the low 4 bits of the RCODE. */
  readonly flags: number;
  readonly questionCount: number;
  /** The first question, name normalised as every name here; meaningful when questionCount > 0. */
  readonly questionName: string;
  readonly questionType: number;
  readonly questionClass: number;
  /** Answer records of the types we model and of class IN, in packet order. */
  readonly answers: DnsRecord[];
  /** SOA records of the authority section of class IN, in packet order: the negative TTL's source. */
  readonly authoritySoas: AuthoritySoa[];
  /** Upper 8 bits of the RCODE, from the additional section's first OPT record (0 without one). */
  readonly extendedRcode: number;
}

export interface AuthoritySoa {
  readonly name: string;
  readonly ttl: number;
  readonly minimum: number;
}

/** RFC 1035 §2.3.4: a name is at most 255 octets in wire form, terminating zero included. */
const maxNameOctets = 255;
/**
 * Pointers must point before the start of the name (or of the part reached by the previous pointer),
 * so a chain ends anyway; this bound stops a hostile packet from making one name cost thousands of
 * jumps. A legitimate name needs one or two.
 */
const maxPointerJumps = 128;

const typeA = 1;
const typeNs = 2;
const typeCname = 5;
const typeSoa = 6;
const typePtr = 12;
const typeMx = 15;
const typeTxt = 16;
const typeRp = 17;
const typeAaaa = 28;
const typeSrv = 33;
const typeNaptr = 35;
const typeDname = 39;
const typeOpt = 41;
const typeDs = 43;
const typeRrsig = 46;
const typeNsec = 47;
const typeDnskey = 48;
const typeTlsa = 52;
const typeSpf = 99;
const typeCaa = 257;
const classIn = 1;
/** The top bit of CLASS is mDNS's cache-flush bit; the class is read without it (as dns-packet did). */
const classMask = 0x7fff;

/**
 * Where a name's text is assembled: lower-cased ASCII letters, labels joined by dots. One per module:
 * decoding is synchronous, so no two names are ever assembled at once. Twice the longest name, for
 * the backslashes that escape dots inside the labels of a mailbox name.
 */
const scratch = Buffer.allocUnsafe(2 * maxNameOctets);

/**
 * Reads the name at `offset`: returns the offset just after it in the record (a pointer ends the name
 * there), or -1 when it is malformed: a label type other than 0 and 0xC0, a label or pointer past the
 * end, a pointer that does not point before the name part it is in, more than 255 octets, too many
 * jumps. With `text`, also assembles it into `scratch` (see nameText); `mailbox` escapes dots inside
 * labels as "\." (the local part of an SOA RNAME).
 */
function scanName(bytes: Uint8Array, offset: number, text: boolean, mailbox: boolean): number {
  const end = bytes.length;
  let position = offset;
  let segmentStart = offset;
  let resume = -1;
  let octets = 0;
  let jumps = 0;
  let length = 0;
  let high = false;
  for (;;) {
    if (position >= end) return -1;
    const label = bytes[position] ?? 0;
    if (label === 0) {
      position += 1;
      break;
    }
    if (label < 0x40) {
      const start = position + 1;
      const stop = start + label;
      if (stop > end) return -1;
      octets += label + 1;
      // 254, not 255: the terminating zero is the 255th octet.
      if (octets > maxNameOctets - 1) return -1;
      if (text) {
        if (length > 0) scratch[length++] = 0x2e;
        for (let index = start; index < stop; index++) {
          const code = bytes[index] ?? 0;
          if (code >= 0x41 && code <= 0x5a) scratch[length++] = code | 0x20;
          else {
            if (code >= 0x80) high = true;
            else if (code === 0x2e && mailbox) scratch[length++] = 0x5c;
            scratch[length++] = code;
          }
        }
      }
      position = stop;
      continue;
    }
    if (label < 0xc0) return -1;
    if (position + 1 >= end) return -1;
    const target = ((label & 0x3f) << 8) | (bytes[position + 1] ?? 0);
    if (target >= segmentStart || ++jumps > maxPointerJumps) return -1;
    if (resume < 0) resume = position + 2;
    position = target;
    segmentStart = target;
  }
  nameLength = length;
  nameIsAscii = !high;
  return resume < 0 ? position : resume;
}

let nameLength = 0;
let nameIsAscii = true;

/**
 * The name scanName last assembled, in our normal form (see normalizeWireName): lower case, one
 * trailing dot dropped, the root as "". Labels are UTF-8 (invalid octets become U+FFFD); decoding
 * the joined text at once equals decoding label by label, since a dot never continues a sequence.
 */
function nameText(): string {
  const length = nameLength > 0 && scratch[nameLength - 1] === 0x2e ? nameLength - 1 : nameLength;
  if (length === 0) return '';
  return scratch.toString(nameIsAscii ? 'latin1' : 'utf8', 0, length);
}

/**
 * Names already turned into text in this packet, by offset: most owner names are a bare pointer to
 * the question or to a CNAME target, so their text is made once. Reset for every packet.
 */
const memoOffsets: number[] = [];
const memoTexts: string[] = [];
const memoSize = 8;

/** The text of a (valid, already scanned) name at `offset`, reusing a memo when it is a bare pointer. */
function readName(bytes: Uint8Array, offset: number): string {
  const first = bytes[offset] ?? 0;
  const target = first >= 0xc0 ? ((first & 0x3f) << 8) | (bytes[offset + 1] ?? 0) : offset;
  for (let index = 0; index < memoOffsets.length; index++) {
    if (memoOffsets[index] === target) return memoTexts[index] ?? '';
  }
  scanName(bytes, target, true, false);
  const text = nameText();
  if (memoOffsets.length < memoSize) {
    memoOffsets.push(target);
    memoTexts.push(text);
  }
  return text;
}

function readMailbox(bytes: Uint8Array, offset: number): string {
  scanName(bytes, offset, true, true);
  return nameText();
}

const u16 = (bytes: Uint8Array, offset: number): number =>
  ((bytes[offset] ?? 0) << 8) | (bytes[offset + 1] ?? 0);
const u32 = (bytes: Uint8Array, offset: number): number =>
  (((bytes[offset] ?? 0) << 24) | ((bytes[offset + 1] ?? 0) << 16) | (u16(bytes, offset + 2) & 0xffff)) >>> 0;

/** Offset after `count` <character-string>s starting at `offset`, or -1 when one overruns `end`. */
function skipStrings(bytes: Uint8Array, offset: number, count: number, end: number): number {
  let position = offset;
  for (let index = 0; index < count; index++) {
    if (position >= end) return -1;
    position += 1 + (bytes[position] ?? 0);
  }
  return position > end ? -1 : position;
}

/** Whether <character-string>s fill [offset, end) exactly (none at all included). */
function stringsFill(bytes: Uint8Array, offset: number, end: number): boolean {
  let position = offset;
  while (position < end) position += 1 + (bytes[position] ?? 0);
  return position === end;
}

/** A name inside RDATA must end inside it; exactly at its end when nothing may follow it. */
function nameFits(bytes: Uint8Array, offset: number, end: number, exact: boolean): boolean {
  if (offset > end) return false;
  const after = scanName(bytes, offset, false, false);
  return after >= 0 && (exact ? after === end : after <= end);
}

/**
 * Whether one record's RDATA is well-formed for its type (RDATA is [start, end), within the packet).
 * Checked for every record of every section, since one bad record makes the whole packet untrustworthy;
 * only types whose layout can be wrong are listed, the rest are opaque here. Where dns-packet read
 * such data it rejected the same things (bad names, DNSKEY protocol, overrunning strings).
 */
function rdataIsValid(bytes: Uint8Array, type: number, start: number, end: number): boolean {
  const length = end - start;
  switch (type) {
    case typeA:
      return length === 4;
    case typeAaaa:
      return length === 16;
    case typeCname:
    case typePtr:
    case typeDname:
      return nameFits(bytes, start, end, true);
    case typeNs:
    case typeNsec:
      return nameFits(bytes, start, end, false);
    case typeMx:
      return nameFits(bytes, start + 2, end, true);
    case typeSrv:
      return nameFits(bytes, start + 6, end, false);
    case typeRrsig:
      return nameFits(bytes, start + 18, end, false);
    case typeSoa: {
      const afterMname = scanName(bytes, start, false, false);
      if (afterMname < 0 || afterMname > end) return false;
      const afterRname = scanName(bytes, afterMname, false, false);
      return afterRname >= 0 && afterRname + 20 === end;
    }
    case typeRp: {
      const afterMbox = scanName(bytes, start, false, false);
      return afterMbox >= 0 && afterMbox <= end && nameFits(bytes, afterMbox, end, false);
    }
    case typeNaptr: {
      const afterStrings = skipStrings(bytes, start + 4, 3, end);
      return afterStrings >= 0 && nameFits(bytes, afterStrings, end, false);
    }
    case typeTxt:
      return stringsFill(bytes, start, end);
    case typeCaa:
      return length >= 2 && start + 2 + (bytes[start + 1] ?? 0) <= end;
    case typeTlsa:
      return length >= 3;
    case typeDs:
      return length >= 4;
    case typeDnskey:
      // RFC 4034 §2.1.2: the protocol octet is 3, and dns-packet refused the packet otherwise.
      return length >= 4 && bytes[start + 2] === 3;
    default:
      return true;
  }
}

/** Copies the bytes so a record never pins the whole response buffer in memory. */
const copyBytes = (bytes: Buffer, start: number, end: number): Uint8Array =>
  new Uint8Array(bytes.subarray(start, end));

const ipv4 = (bytes: Uint8Array, at: number): string =>
  `${bytes[at]}.${bytes[at + 1]}.${bytes[at + 2]}.${bytes[at + 3]}`;

/**
 * RFC 5952 text of 16 octets as the wire client always wrote it: lower-case hex groups without
 * leading zeros, the first (not the longest) run of two or more zero groups written "::".
 */
function ipv6(bytes: Uint8Array, at: number): string {
  let runStart = 8;
  let runEnd = 8;
  for (let group = 0; group < 8; group++) {
    if (u16(bytes, at + 2 * group) !== 0) continue;
    let stop = group + 1;
    while (stop < 8 && u16(bytes, at + 2 * stop) === 0) stop++;
    if (stop - group >= 2) {
      runStart = group;
      runEnd = stop;
      break;
    }
    group = stop;
  }
  let text = '';
  for (let group = 0; group < runStart; group++) {
    text += `${group === 0 ? '' : ':'}${u16(bytes, at + 2 * group).toString(16)}`;
  }
  if (runStart === 8) return text;
  text += '::';
  for (let group = runEnd; group < 8; group++) {
    text += `${group === runEnd ? '' : ':'}${u16(bytes, at + 2 * group).toString(16)}`;
  }
  return text;
}

/** <character-string>s of [start, end) as UTF-8 text, or undefined when one overruns `end`. */
function characterStrings(bytes: Buffer, start: number, end: number): string[] | undefined {
  const strings: string[] = [];
  let position = start;
  while (position < end) {
    const stop = position + 1 + (bytes[position] ?? 0);
    if (stop > end) return undefined;
    strings.push(bytes.toString('utf8', position + 1, stop));
    position = stop;
  }
  return strings;
}

/**
 * One answer record of a type we model as a DnsRecord (its RDATA already checked by rdataIsValid),
 * undefined for other types and for an SPF record whose strings overrun it (dns-packet knew no SPF
 * layout, so such a record was dropped rather than the packet). Built as one literal per type, in the
 * field order records.ts always used, so every record of a type shares one object shape.
 */
function toRecord(
  bytes: Buffer,
  type: number,
  name: string,
  ttl: number,
  start: number,
  end: number,
): DnsRecord | undefined {
  switch (type) {
    case typeA:
      return { name, ttl, type: 'A', address: ipv4(bytes, start) };
    case typeAaaa:
      return { name, ttl, type: 'AAAA', address: ipv6(bytes, start) };
    case typeCname:
      return { name, ttl, type: 'CNAME', target: readName(bytes, start) };
    case typeNs:
      return { name, ttl, type: 'NS', target: readName(bytes, start) };
    case typePtr:
      return { name, ttl, type: 'PTR', target: readName(bytes, start) };
    case typeMx:
      return { name, ttl, type: 'MX', preference: u16(bytes, start), exchange: readName(bytes, start + 2) };
    case typeSoa: {
      const mname = readName(bytes, start);
      const rname = readMailbox(bytes, scanName(bytes, start, false, false));
      const fixed = end - 20;
      return {
        name,
        ttl,
        type: 'SOA',
        mname,
        rname,
        serial: u32(bytes, fixed),
        refresh: u32(bytes, fixed + 4),
        retry: u32(bytes, fixed + 8),
        expire: u32(bytes, fixed + 12),
        minimum: u32(bytes, fixed + 16),
      };
    }
    case typeTxt: {
      const strings = characterStrings(bytes, start, end);
      return strings === undefined ? undefined : { name, ttl, type: 'TXT', strings };
    }
    case typeSpf: {
      const strings = characterStrings(bytes, start, end);
      return strings === undefined ? undefined : { name, ttl, type: 'SPF', strings };
    }
    case typeSrv:
      return {
        name,
        ttl,
        type: 'SRV',
        priority: u16(bytes, start),
        weight: u16(bytes, start + 2),
        port: u16(bytes, start + 4),
        target: readName(bytes, start + 6),
      };
    case typeCaa: {
      const valueStart = start + 2 + (bytes[start + 1] ?? 0);
      return {
        name,
        ttl,
        type: 'CAA',
        flags: bytes[start] ?? 0,
        tag: bytes.toString('utf8', start + 2, valueStart),
        value: bytes.toString('utf8', valueStart, end),
      };
    }
    case typeTlsa:
      return {
        name,
        ttl,
        type: 'TLSA',
        usage: bytes[start] ?? 0,
        selector: bytes[start + 1] ?? 0,
        matchingType: bytes[start + 2] ?? 0,
        data: copyBytes(bytes, start + 3, end),
      };
    case typeDs:
      return {
        name,
        ttl,
        type: 'DS',
        keyTag: u16(bytes, start),
        algorithm: bytes[start + 2] ?? 0,
        digestType: bytes[start + 3] ?? 0,
        digest: copyBytes(bytes, start + 4, end),
      };
    case typeDnskey:
      return {
        name,
        ttl,
        type: 'DNSKEY',
        flags: u16(bytes, start),
        protocol: 3,
        algorithm: bytes[start + 3] ?? 0,
        key: copyBytes(bytes, start + 4, end),
      };
    default:
      return undefined;
  }
}

const sectionAnswer = 0;
const sectionAuthority = 1;
const sectionAdditional = 2;

/**
 * Decodes a response, or returns undefined when it is malformed anywhere: a header, question or
 * record running past the end, a bad name (see scanName) in an owner or in RDATA, RDATA that does not
 * fit its type (see rdataIsValid). Every record is framed by its RDLENGTH (RFC 1035 §4.1.3). Octets
 * after the last record are ignored, as dns-packet did.
 */
export function decodeResponse(bytes: Buffer): DecodedResponse | undefined {
  const end = bytes.length;
  if (end < 12) return undefined;
  memoOffsets.length = 0;
  memoTexts.length = 0;
  const flags = u16(bytes, 2);
  const questionCount = u16(bytes, 4);
  let offset = 12;
  let questionName = '';
  let questionType = 0;
  let questionClass = 0;
  for (let index = 0; index < questionCount; index++) {
    const after = scanName(bytes, offset, false, false);
    if (after < 0 || after + 4 > end) return undefined;
    if (index === 0) {
      questionName = readName(bytes, offset);
      questionType = u16(bytes, after);
      questionClass = u16(bytes, after + 2);
    }
    offset = after + 4;
  }
  const answers: DnsRecord[] = [];
  const authoritySoas: AuthoritySoa[] = [];
  let extendedRcode = 0;
  let optSeen = false;
  for (let section = sectionAnswer; section <= sectionAdditional; section++) {
    const count = u16(bytes, 6 + 2 * section);
    for (let index = 0; index < count; index++) {
      const after = scanName(bytes, offset, false, false);
      if (after < 0 || after + 10 > end) return undefined;
      const type = u16(bytes, after);
      const start = after + 10;
      const stop = start + u16(bytes, after + 8);
      if (stop > end || !rdataIsValid(bytes, type, start, stop)) return undefined;
      const inClass = (u16(bytes, after + 2) & classMask) === classIn;
      if (section === sectionAnswer) {
        if (inClass && type !== typeOpt) {
          const record = toRecord(bytes, type, readName(bytes, offset), u32(bytes, after + 4), start, stop);
          if (record !== undefined) answers.push(record);
        }
      } else if (section === sectionAuthority) {
        if (inClass && type === typeSoa) {
          authoritySoas.push({
            name: readName(bytes, offset),
            ttl: u32(bytes, after + 4),
            minimum: u32(bytes, stop - 4),
          });
        }
      } else if (type === typeOpt && !optSeen) {
        optSeen = true;
        extendedRcode = bytes[after + 4] ?? 0;
      }
      offset = stop;
    }
  }
  return {
    flags,
    questionCount,
    questionName,
    questionType,
    questionClass,
    answers,
    authoritySoas,
    extendedRcode,
  };
}
