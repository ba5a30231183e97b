// Turns the server's byte stream into SMTP replies: CRLF (or bare LF) lines, `250-` continuations, and
// hard bounds on line length, lines per reply and reply size, so a hostile server cannot grow our memory.

import type { SmtpReply } from './types.js';

export interface ReplyBounds {
  readonly maxLineBytes: number;
  readonly maxReplyLines: number;
  readonly maxReplyBytes: number;
}

export interface ParseStep {
  /** Complete lines seen in this chunk, as text, for the transcript. */
  readonly lines: readonly string[];
  /** Replies completed in this chunk, in order. */
  readonly replies: readonly SmtpReply[];
  /** Set once the stream stopped being SMTP; nothing more is parsed after it. */
  readonly error?: string;
}

const replyLine = /^(\d{3})(?:([ -])(.*))?$/s;
const enhanced = /^([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/;

/** Text for the transcript: bytes are read as Latin-1 so nothing is lost and nothing throws. */
function lineText(bytes: Buffer): string {
  return bytes.toString('latin1');
}

export class ReplyParser {
  private pending: Buffer = Buffer.alloc(0);
  private current: { code: number; lines: string[]; bytes: number } | undefined;
  private failed: string | undefined;

  constructor(private readonly bounds: ReplyBounds) {}

  /** True when bytes of a reply arrived but the reply is not complete: what a tarpit looks like. */
  hasPartial(): boolean {
    return this.pending.length > 0 || this.current !== undefined;
  }

  /** Bytes received but not yet part of a complete line (after a STARTTLS 220 they must be dropped). */
  takeLeftover(): Buffer {
    const leftover = this.pending;
    this.pending = Buffer.alloc(0);
    return leftover;
  }

  push(chunk: Buffer): ParseStep {
    if (this.failed !== undefined) return { lines: [], replies: [], error: this.failed };
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const lines: string[] = [];
    const replies: SmtpReply[] = [];
    for (;;) {
      const newline = this.pending.indexOf(0x0a);
      if (newline < 0) break;
      const end = newline > 0 && this.pending[newline - 1] === 0x0d ? newline - 1 : newline;
      const raw = this.pending.subarray(0, end);
      this.pending = this.pending.subarray(newline + 1);
      if (raw.length > this.bounds.maxLineBytes) return this.fail(lines, replies, this.tooLong());
      const text = lineText(raw);
      lines.push(text);
      const error = this.addLine(text, raw.length, replies);
      if (error !== undefined) return this.fail(lines, replies, error);
    }
    if (this.pending.length > this.bounds.maxLineBytes) return this.fail(lines, replies, this.tooLong());
    return { lines, replies };
  }

  private tooLong(): string {
    return `a reply line longer than ${this.bounds.maxLineBytes} bytes`;
  }

  private fail(lines: string[], replies: SmtpReply[], error: string): ParseStep {
    this.failed = error;
    this.pending = Buffer.alloc(0);
    return { lines, replies, error };
  }

  private addLine(text: string, size: number, replies: SmtpReply[]): string | undefined {
    const match = replyLine.exec(text);
    if (match === null) return `not an SMTP reply line: ${JSON.stringify(text.slice(0, 80))}`;
    const code = Number(match[1]);
    const current = this.current ?? { code, lines: [], bytes: 0 };
    // RFC 5321 §4.2.1: every line of a reply carries the same code.
    if (current.code !== code)
      return `reply code changed inside a multi-line reply (${current.code} then ${code})`;
    current.lines.push(match[3] ?? '');
    current.bytes += size;
    if (current.lines.length > this.bounds.maxReplyLines)
      return `a reply of more than ${this.bounds.maxReplyLines} lines`;
    if (current.bytes > this.bounds.maxReplyBytes)
      return `a reply larger than ${this.bounds.maxReplyBytes} bytes`;
    if (match[2] === '-') {
      this.current = current;
      return undefined;
    }
    this.current = undefined;
    replies.push(toReply(current.code, current.lines));
    return undefined;
  }
}

export function toReply(code: number, lines: readonly string[]): SmtpReply {
  const status = enhanced.exec(lines[0] ?? '')?.[1];
  return { code, lines: [...lines], ...(status === undefined ? {} : { enhancedCode: status }) };
}

/** The reply as the server wrote it, for messages: `250-a / 250 b` joined by newlines. */
export function formatReply(reply: SmtpReply): string {
  return reply.lines
    .map((line, index) => `${reply.code}${index === reply.lines.length - 1 ? ' ' : '-'}${line}`)
    .join('\n');
}
