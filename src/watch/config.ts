// The watch config file (YAML): domains, cron schedule, alert channels, thresholds, store and depth.
// Parsed and validated in one pass; every problem is named by line, column and field, never guessed past.

import { createHash } from 'node:crypto';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type AlertChannel, type SmtpSecurity, type WebhookStyle, webhookStyles } from '../alert/types.js';
import { type CheckGroup, parseChecksOption } from '../fleet/select-checks.js';
import { type Severity, severities } from '../model/finding.js';
import { parseResolverOption } from '../net/dns/resolvers.js';
import type { ResolverAddress } from '../net/dns/types.js';
import { parseDomain } from '../scan/domain-name.js';
import { validateSchedule } from './schedule.js';

export interface WatchRetry {
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface WatchConfig {
  /** Listed domains (ASCII form); empty when only `domainsFile` is given. */
  readonly domains: readonly string[];
  /** A file of domains (fleet format), as written in the config: the caller resolves it beside the config. */
  readonly domainsFile?: string;
  readonly schedule: string;
  /** IANA time zone of the schedule; default UTC. */
  readonly timezone: string;
  readonly checks: ReadonlySet<CheckGroup>;
  readonly checksText: string;
  readonly db?: string;
  readonly resolvers: readonly ResolverAddress[];
  readonly timeoutMs?: number;
  /** Alerts only for findings at or above this severity. */
  readonly minSeverity: Severity;
  readonly alertOnBaseline: boolean;
  readonly channels: readonly AlertChannel[];
  readonly retry: WatchRetry;
}

export interface ConfigProblem {
  readonly line: number;
  readonly column: number;
  /** Dotted path of the field (`alerts[1].url`), or empty for the file itself. */
  readonly field: string;
  readonly message: string;
}

export type ConfigParse =
  | { readonly ok: true; readonly config: WatchConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

export function formatProblem(source: string, problem: ConfigProblem): string {
  return `${source}:${problem.line}:${problem.column}: ${problem.field === '' ? '' : `${problem.field}: `}${problem.message}`;
}

const topKeys = [
  'domains',
  'domainsFile',
  'schedule',
  'timezone',
  'checks',
  'db',
  'resolvers',
  'timeout',
  'thresholds',
  'alertOnBaseline',
  'alerts',
  'retry',
] as const;
const webhookKeys = ['type', 'name', 'url', 'style'] as const;
const emailKeys = ['type', 'name', 'host', 'port', 'security', 'user', 'passwordEnv', 'from', 'to'] as const;
const securities: readonly SmtpSecurity[] = ['tls', 'starttls', 'none'];
const defaultRetry: WatchRetry = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 30_000 };
const secretKeys = new Set(['password', 'pass', 'secret', 'token']);

/** A mailbox as nodemailer takes it: `a@b.example` or `Name <a@b.example>`. */
function isMailbox(text: string): boolean {
  return /^(?:[^<>]*<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/.test(text.trim());
}

function stableName(kind: string, identity: string): string {
  return `${kind}:${createHash('sha256').update(identity).digest('hex').slice(0, 10)}`;
}

class Reader {
  readonly problems: ConfigProblem[] = [];
  constructor(private readonly lines: LineCounter) {}

  problem(node: Node | undefined | null, field: string, message: string): void {
    const offset = node?.range?.[0] ?? 0;
    const position = this.lines.linePos(offset);
    this.problems.push({ line: position.line, column: position.col, field, message });
  }

  /** The map's entries by key, reporting unknown keys (typos) and secrets written into the file. */
  entries(node: Node, field: string, allowed: readonly string[]): Map<string, Node | null> {
    const found = new Map<string, Node | null>();
    if (!isMap(node)) {
      this.problem(node, field, 'expected a mapping (key: value lines)');
      return found;
    }
    for (const pair of node.items) {
      const keyNode = pair.key as Node | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const path = field === '' ? key : `${field}.${key}`;
      if (secretKeys.has(key.toLowerCase())) {
        this.problem(
          keyNode,
          path,
          'never write a password into the file: name an environment variable with passwordEnv: VAR',
        );
      } else if (!allowed.includes(key)) {
        this.problem(keyNode, path, `unknown field; expected one of ${allowed.join(', ')}`);
      } else {
        found.set(key, pair.value as Node | null);
      }
    }
    return found;
  }

  string(node: Node | null | undefined, field: string): string | undefined {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '')
      return node.value.trim();
    if (isScalar(node) && typeof node.value === 'number') return String(node.value);
    this.problem(node, field, 'expected a non-empty text value');
    return undefined;
  }

  integer(node: Node | null | undefined, field: string, min: number, max: number): number | undefined {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.problem(node, field, `expected a whole number from ${min} to ${max}`);
    return undefined;
  }

  boolean(node: Node | null | undefined, field: string): boolean | undefined {
    if (isScalar(node) && typeof node.value === 'boolean') return node.value;
    this.problem(node, field, 'expected true or false');
    return undefined;
  }

  list(node: Node | null | undefined, field: string): Node[] {
    if (isSeq(node)) return node.items as Node[];
    this.problem(node, field, 'expected a list (lines starting with "- ")');
    return [];
  }

  choice<T extends string>(
    node: Node | null | undefined,
    field: string,
    options: readonly T[],
  ): T | undefined {
    const text = isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
    const match = options.find((option) => option === text);
    if (match === undefined) this.problem(node, field, `expected one of ${options.join(', ')}`);
    return match;
  }
}

function readWebhook(reader: Reader, node: Node, field: string): AlertChannel | undefined {
  const fields = reader.entries(node, field, webhookKeys);
  const urlNode = fields.get('url');
  if (urlNode === undefined) {
    reader.problem(node, `${field}.url`, 'missing: the webhook URL to post alerts to');
    return undefined;
  }
  const url = reader.string(urlNode, `${field}.url`);
  if (url === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    reader.problem(urlNode, `${field}.url`, 'expected an https:// (or http://) URL');
    return undefined;
  }
  const styleNode = fields.get('style');
  const style: WebhookStyle | undefined =
    styleNode === undefined ? 'generic' : reader.choice(styleNode, `${field}.style`, webhookStyles);
  const nameNode = fields.get('name');
  const name = nameNode === undefined ? stableName('webhook', url) : reader.string(nameNode, `${field}.name`);
  if (style === undefined || name === undefined) return undefined;
  return { kind: 'webhook', name, url, style };
}

function readEmail(reader: Reader, node: Node, field: string): AlertChannel | undefined {
  const fields = reader.entries(node, field, emailKeys);
  const required = (key: string, what: string): Node | undefined => {
    const value = fields.get(key);
    if (value === undefined) reader.problem(node, `${field}.${key}`, `missing: ${what}`);
    return value ?? undefined;
  };
  const hostNode = required('host', 'the SMTP server to send through');
  const fromNode = required('from', 'the sender address');
  const toNode = required('to', 'the recipient address (or a list of them)');
  const host = hostNode === undefined ? undefined : reader.string(hostNode, `${field}.host`);
  const securityNode = fields.get('security');
  const security: SmtpSecurity | undefined =
    securityNode === undefined ? 'starttls' : reader.choice(securityNode, `${field}.security`, securities);
  const portNode = fields.get('port');
  const port =
    portNode === undefined
      ? security === 'tls'
        ? 465
        : 587
      : reader.integer(portNode, `${field}.port`, 1, 65_535);
  const from = fromNode === undefined ? undefined : reader.string(fromNode, `${field}.from`);
  if (from !== undefined && !isMailbox(from))
    reader.problem(fromNode, `${field}.from`, 'expected an e-mail address');
  const to: string[] = [];
  if (toNode !== undefined) {
    const items = isSeq(toNode) ? (toNode.items as Node[]) : [toNode];
    items.forEach((item, index) => {
      const path = isSeq(toNode) ? `${field}.to[${index}]` : `${field}.to`;
      const address = reader.string(item, path);
      if (address === undefined) return;
      if (isMailbox(address)) to.push(address);
      else reader.problem(item, path, 'expected an e-mail address');
    });
    if (isSeq(toNode) && items.length === 0)
      reader.problem(toNode, `${field}.to`, 'give at least one recipient');
  }
  const userNode = fields.get('user');
  const passwordEnvNode = fields.get('passwordEnv');
  const user = userNode === undefined ? undefined : reader.string(userNode, `${field}.user`);
  const passwordEnv =
    passwordEnvNode === undefined ? undefined : reader.string(passwordEnvNode, `${field}.passwordEnv`);
  if (passwordEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(passwordEnv)) {
    reader.problem(passwordEnvNode, `${field}.passwordEnv`, 'expected the name of an environment variable');
  }
  if ((userNode === undefined) !== (passwordEnvNode === undefined)) {
    reader.problem(node, field, 'give both user and passwordEnv (SMTP authentication), or neither');
  }
  const nameNode = fields.get('name');
  const name =
    nameNode === undefined
      ? stableName('email', `${host}:${port}:${to.join(',')}`)
      : reader.string(nameNode, `${field}.name`);
  if (
    host === undefined ||
    port === undefined ||
    security === undefined ||
    from === undefined ||
    name === undefined
  )
    return undefined;
  if (to.length === 0) return undefined;
  return {
    kind: 'email',
    name,
    host,
    port,
    security,
    from,
    to,
    ...(user !== undefined && passwordEnv !== undefined ? { auth: { user, passwordEnv } } : {}),
  };
}

function readChannel(reader: Reader, node: Node, field: string): AlertChannel | undefined {
  if (!isMap(node)) {
    reader.problem(node, field, 'expected a mapping with type: webhook or type: email');
    return undefined;
  }
  const type = reader.choice((node.get('type', true) as Node | undefined) ?? node, `${field}.type`, [
    'webhook',
    'email',
  ] as const);
  switch (type) {
    case 'webhook':
      return readWebhook(reader, node, field);
    case 'email':
      return readEmail(reader, node, field);
    case undefined:
      return undefined;
  }
}

function readRetry(reader: Reader, node: Node): WatchRetry {
  const fields = reader.entries(node, 'retry', ['attempts', 'baseDelayMs', 'maxDelayMs']);
  const get = (key: keyof WatchRetry, min: number, max: number): number => {
    const value = fields.get(key);
    return value === undefined
      ? defaultRetry[key]
      : (reader.integer(value, `retry.${key}`, min, max) ?? defaultRetry[key]);
  };
  return {
    attempts: get('attempts', 1, 20),
    baseDelayMs: get('baseDelayMs', 0, 600_000),
    maxDelayMs: get('maxDelayMs', 0, 3_600_000),
  };
}

function readDomains(reader: Reader, node: Node): string[] {
  const domains: string[] = [];
  reader.list(node, 'domains').forEach((item, index) => {
    const text = reader.string(item, `domains[${index}]`);
    if (text === undefined) return;
    const parsed = parseDomain(text);
    if (!parsed.ok) reader.problem(item, `domains[${index}]`, parsed.error);
    else if (!domains.includes(parsed.target.domain)) domains.push(parsed.target.domain);
  });
  return domains;
}

export function parseWatchConfig(text: string): ConfigParse {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const reader = new Reader(lines);
  for (const error of document.errors) {
    const position = lines.linePos(error.pos[0]);
    reader.problems.push({
      line: position.line,
      column: position.col,
      field: '',
      message: error.message.split('\n')[0] ?? 'YAML syntax error',
    });
  }
  if (reader.problems.length > 0) return { ok: false, problems: reader.problems };
  const root = document.contents as Node | null;
  if (root === null) {
    return {
      ok: false,
      problems: [
        { line: 1, column: 1, field: '', message: 'the file is empty: see docs/watch.md for an example' },
      ],
    };
  }
  const fields = reader.entries(root, '', topKeys);
  const domains = fields.has('domains') ? readDomains(reader, fields.get('domains') ?? root) : [];
  const domainsFileNode = fields.get('domainsFile');
  const domainsFile =
    domainsFileNode === undefined ? undefined : reader.string(domainsFileNode, 'domainsFile');
  if (!fields.has('domains') && !fields.has('domainsFile')) {
    reader.problem(
      root,
      'domains',
      'missing: list the domains to watch (domains:) or name a file of them (domainsFile:)',
    );
  } else if (
    fields.has('domains') &&
    domains.length === 0 &&
    domainsFile === undefined &&
    reader.problems.length === 0
  ) {
    reader.problem(fields.get('domains'), 'domains', 'the list is empty');
  }
  const timezoneNode = fields.get('timezone');
  const timezone = timezoneNode === undefined ? 'UTC' : (reader.string(timezoneNode, 'timezone') ?? 'UTC');
  if (timezoneNode !== undefined && !isTimeZone(timezone))
    reader.problem(
      timezoneNode,
      'timezone',
      `unknown time zone '${timezone}' (an IANA name such as Europe/Paris)`,
    );
  const scheduleNode = fields.get('schedule');
  let schedule: string | undefined;
  if (scheduleNode === undefined) {
    reader.problem(
      root,
      'schedule',
      "missing: when to scan, in cron syntax (e.g. '0 6 * * *' for 06:00 every day)",
    );
  } else {
    schedule = reader.string(scheduleNode, 'schedule');
    const error = schedule === undefined ? undefined : validateSchedule(schedule, timezone);
    if (error !== undefined)
      reader.problem(scheduleNode, 'schedule', `not a valid cron expression: ${error}`);
  }
  const checksNode = fields.get('checks');
  const checksText = checksNode === undefined ? 'all' : (reader.string(checksNode, 'checks') ?? 'all');
  const checksChoice = parseChecksOption(checksText);
  if (!checksChoice.ok)
    reader.problem(checksNode, 'checks', 'expected dns, smtp, exchange or all (comma-separated)');
  const dbNode = fields.get('db');
  const db = dbNode === undefined ? undefined : reader.string(dbNode, 'db');
  const resolvers: ResolverAddress[] = [];
  const resolverNode = fields.get('resolvers');
  if (resolverNode !== undefined) {
    reader.list(resolverNode, 'resolvers').forEach((item, index) => {
      const value = reader.string(item, `resolvers[${index}]`);
      if (value === undefined) return;
      const parsed = parseResolverOption(value);
      if (parsed.ok) resolvers.push(parsed.resolver);
      else reader.problem(item, `resolvers[${index}]`, parsed.error);
    });
  }
  const timeoutNode = fields.get('timeout');
  const timeoutMs =
    timeoutNode === undefined ? undefined : reader.integer(timeoutNode, 'timeout', 10, 120_000);
  let minSeverity: Severity = 'medium';
  const thresholdsNode = fields.get('thresholds');
  if (thresholdsNode !== undefined && thresholdsNode !== null) {
    const thresholds = reader.entries(thresholdsNode, 'thresholds', ['minSeverity']);
    const severityNode = thresholds.get('minSeverity');
    if (severityNode !== undefined)
      minSeverity = reader.choice(severityNode, 'thresholds.minSeverity', severities) ?? minSeverity;
  }
  const baselineNode = fields.get('alertOnBaseline');
  const alertOnBaseline =
    baselineNode === undefined ? false : (reader.boolean(baselineNode, 'alertOnBaseline') ?? false);
  const channels: AlertChannel[] = [];
  const alertsNode = fields.get('alerts');
  if (alertsNode === undefined) {
    reader.problem(root, 'alerts', 'missing: at least one alert channel (type: webhook or type: email)');
  } else {
    const items = reader.list(alertsNode, 'alerts');
    items.forEach((item, index) => {
      const channel = readChannel(reader, item, `alerts[${index}]`);
      if (channel === undefined) return;
      if (channels.some((other) => other.name === channel.name))
        reader.problem(item, `alerts[${index}].name`, `another channel is already named '${channel.name}'`);
      else channels.push(channel);
    });
    if (isSeq(alertsNode) && items.length === 0)
      reader.problem(alertsNode, 'alerts', 'give at least one alert channel');
  }
  const retryNode = fields.get('retry');
  const retry = retryNode === undefined || retryNode === null ? defaultRetry : readRetry(reader, retryNode);
  if (reader.problems.length > 0 || schedule === undefined || !checksChoice.ok) {
    const ordered = [...reader.problems].sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, problems: ordered };
  }
  return {
    ok: true,
    config: {
      domains,
      ...(domainsFile === undefined ? {} : { domainsFile }),
      schedule,
      timezone,
      checks: checksChoice.groups,
      checksText,
      ...(db === undefined ? {} : { db }),
      resolvers,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      minSeverity,
      alertOnBaseline,
      channels,
      retry,
    },
  };
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
