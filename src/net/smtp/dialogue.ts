// The SMTP state machine: which command may follow which, over one connection. There is no DATA or BDAT
// command in it, by type and by a runtime guard, so nothing built on it can ever deliver a message.

import type { SmtpConnection } from './connection.js';
import type { SmtpStage } from './types.js';

export type DialogueState =
  /** Connected, greeting not read yet. */
  | 'connected'
  /** Greeting 220 read; EHLO/HELO next. */
  | 'greeted'
  /** EHLO/HELO accepted: commands allowed. */
  | 'ready'
  /** TLS just established: the server forgot everything (RFC 3207 §4.2), EHLO again first. */
  | 'tls-fresh'
  /** MAIL FROM accepted: RCPT, RSET. */
  | 'mail'
  /** An AUTH exchange is open: only its continuation or `*`. */
  | 'auth'
  | 'closed';

export type SmtpCommand =
  | { readonly verb: 'EHLO' | 'HELO'; readonly name: string }
  | { readonly verb: 'STARTTLS' }
  | { readonly verb: 'AUTH'; readonly mechanism: string; readonly initial?: string }
  /** A line inside an AUTH exchange (base64), or `*` to cancel it (RFC 4954 §4). */
  | { readonly verb: 'AUTH-LINE'; readonly payload: string }
  | { readonly verb: 'VRFY' | 'EXPN'; readonly argument: string }
  | { readonly verb: 'MAIL'; readonly from: string }
  | { readonly verb: 'RCPT'; readonly to: string }
  | { readonly verb: 'RSET' }
  | { readonly verb: 'NOOP' }
  | { readonly verb: 'QUIT' };

export type Verb = SmtpCommand['verb'];

/** Which verbs each state accepts. */
const allowed: Readonly<Record<DialogueState, readonly Verb[]>> = {
  connected: ['QUIT'],
  greeted: ['EHLO', 'HELO', 'QUIT'],
  ready: ['EHLO', 'HELO', 'STARTTLS', 'AUTH', 'VRFY', 'EXPN', 'MAIL', 'RSET', 'NOOP', 'QUIT'],
  'tls-fresh': ['EHLO', 'HELO', 'QUIT'],
  mail: ['RCPT', 'RSET', 'NOOP', 'QUIT'],
  auth: ['AUTH-LINE'],
  closed: [],
};

export function isAllowed(state: DialogueState, verb: Verb): boolean {
  return allowed[state].includes(verb);
}

/** Characters that could smuggle a second command or a DATA into a line. */
function checked(value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error('smtp: command argument with CR, LF or NUL');
  return value;
}

export function commandLine(command: SmtpCommand): string {
  switch (command.verb) {
    case 'EHLO':
    case 'HELO':
      return `${command.verb} ${checked(command.name)}`;
    case 'STARTTLS':
    case 'RSET':
    case 'NOOP':
    case 'QUIT':
      return command.verb;
    case 'AUTH':
      return `AUTH ${checked(command.mechanism)}${command.initial === undefined ? '' : ` ${checked(command.initial)}`}`;
    case 'AUTH-LINE':
      return checked(command.payload);
    case 'VRFY':
    case 'EXPN':
      return `${command.verb} ${checked(command.argument)}`;
    case 'MAIL':
      return `MAIL FROM:<${checked(command.from)}>`;
    case 'RCPT':
      return `RCPT TO:<${checked(command.to)}>`;
  }
}

/** The last line of defence: whatever the command, a line that would start a message is never written. */
export function assertNotDelivery(line: string): void {
  if (/^\s*(DATA|BDAT)\b/i.test(line))
    throw new Error(`smtp: refusing to send "${line}": telltale never delivers`);
}

/** The state after a command and its reply code. */
export function nextState(state: DialogueState, command: SmtpCommand, code: number): DialogueState {
  const positive = code >= 200 && code < 400;
  switch (command.verb) {
    case 'EHLO':
    case 'HELO':
      return positive ? 'ready' : state;
    case 'STARTTLS':
      // 220: the caller upgrades and then calls `tlsEstablished`.
      return state;
    case 'AUTH':
    case 'AUTH-LINE':
      return code === 334 ? 'auth' : 'ready';
    case 'MAIL':
      return positive ? 'mail' : state;
    case 'RCPT':
      return state;
    case 'RSET':
      return state === 'mail' ? 'ready' : state;
    case 'VRFY':
    case 'EXPN':
    case 'NOOP':
      return state;
    case 'QUIT':
      return 'closed';
  }
}

/** A connection driven through the state machine: every command checked against the current state. */
export class Dialogue {
  private current: DialogueState = 'connected';

  constructor(
    readonly connection: SmtpConnection,
    private readonly commandTimeoutMs: number,
  ) {}

  get state(): DialogueState {
    return this.current;
  }

  greeted(): void {
    this.current = 'greeted';
  }

  tlsEstablished(): void {
    this.current = 'tls-fresh';
  }

  async send(stage: SmtpStage, command: SmtpCommand) {
    if (!isAllowed(this.current, command.verb))
      throw new Error(`smtp: ${command.verb} is not allowed in state ${this.current}`);
    const line = commandLine(command);
    assertNotDelivery(line);
    this.connection.send(stage, line);
    const reply = await this.connection.readReply(stage, this.commandTimeoutMs);
    this.current = nextState(this.current, command, reply.code);
    return reply;
  }
}
