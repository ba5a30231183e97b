// Reads an EHLO reply (RFC 5321 §4.1.1.1): the server's name on the first line, one extension a line after.

import type { EhloExtension, SmtpExtensions, SmtpReply } from './types.js';

export function parseExtensions(reply: SmtpReply): SmtpExtensions {
  const list: EhloExtension[] = reply.lines.slice(1).flatMap((line) => {
    const words = line
      .trim()
      .split(/\s+/)
      .filter((word) => word.length > 0);
    const [first, ...params] = words;
    if (first === undefined) return [];
    // Old Outlook/Exchange clients needed `AUTH=LOGIN`: the mechanisms follow the `=` in the keyword itself.
    const eq = first.indexOf('=');
    if (eq > 0)
      return [{ keyword: first.slice(0, eq).toUpperCase(), params: [first.slice(eq + 1), ...params] }];
    return [{ keyword: first.toUpperCase(), params }];
  });
  const has = (keyword: string): boolean => list.some((extension) => extension.keyword === keyword);
  const auth = [
    ...new Set(
      list
        .filter((extension) => extension.keyword === 'AUTH')
        .flatMap((extension) => extension.params.map((param) => param.toUpperCase()))
        .filter((mechanism) => mechanism.length > 0),
    ),
  ];
  const sizeLine = list.find((extension) => extension.keyword === 'SIZE');
  const sizeParam = sizeLine?.params[0];
  const size =
    sizeLine === undefined
      ? undefined
      : sizeParam !== undefined && /^\d+$/.test(sizeParam) && Number(sizeParam) > 0
        ? Number(sizeParam)
        : null;
  return {
    list,
    starttls: has('STARTTLS'),
    auth,
    ...(size === undefined ? {} : { size }),
    pipelining: has('PIPELINING'),
    eightBitMime: has('8BITMIME'),
    smtpUtf8: has('SMTPUTF8'),
    chunking: has('CHUNKING'),
    enhancedStatusCodes: has('ENHANCEDSTATUSCODES'),
    requireTls: has('REQUIRETLS'),
    anonymousTls: has('X-ANONYMOUSTLS'),
  };
}

export const noExtensions: SmtpExtensions = parseExtensions({ code: 250, lines: [''] });

/** The first word of a greeting or EHLO reply: the name the server gives itself. */
export function announcedName(reply: SmtpReply): string {
  return (reply.lines[0] ?? '').trim().split(/\s+/)[0] ?? '';
}
