// `telltale spf DOMAIN --ip ADDRESS`: what a receiver's SPF check_host() decides for one sending address, with the trace.
// Loaded by ./spf.ts only when the command runs (its options and --help live there).

import { reportSchemaVersion } from '../../model/report.js';
import { parseIp } from '../../protocols/ip/address.js';
import { evaluateSender, type SpfEvaluation, type SpfResult } from '../../protocols/spf/evaluate.js';
import { formatTrace } from '../../protocols/spf/trace.js';
import { neutralizeControls } from '../../report/sanitize.js';
import { parseDomain } from '../../scan/domain-name.js';
import { exitCodes, UsageError } from '../cli-io.js';
import type { CommandContext, CommandResult } from '../command-kit.js';
import { type CommonOptionValues, parseCommonOptions } from '../options.js';
import { assertWritable } from '../output.js';
import { assertResolverAnswers, withRuntime } from '../run-kit.js';
import type { Runtime } from '../runtime.js';

export interface SpfCommandInput {
  readonly domain: string;
  readonly ip?: string;
  readonly sender?: string;
  readonly helo?: string;
}

export type SpfValues = CommonOptionValues & { ip?: string; sender?: string; helo?: string };

export interface SpfQuestion {
  readonly domain: string;
  readonly ip: string;
  readonly sender?: string;
  readonly helo?: string;
}

/** Validates the command line into a question, or explains what to type. */
export function parseSpfQuestion(input: SpfCommandInput): SpfQuestion {
  const parsed = parseDomain(input.domain);
  if (!parsed.ok) throw new UsageError(parsed.error);
  if (input.ip === undefined)
    throw new UsageError('--ip ADDRESS is required: the sending address to evaluate, e.g. --ip 192.0.2.10');
  if (parseIp(input.ip.trim()) === undefined) {
    throw new UsageError(
      `--ip '${input.ip}' is not an IPv4 or IPv6 address (e.g. 192.0.2.10 or 2001:db8::25)`,
    );
  }
  if (input.sender !== undefined && !/^[^@\s]*@[^@\s]+$/.test(input.sender)) {
    throw new UsageError(`--sender '${input.sender}': give the envelope sender as local@domain`);
  }
  if (input.helo !== undefined && input.helo.trim() === '') throw new UsageError('--helo needs a host name');
  return {
    domain: parsed.target.domain,
    ip: input.ip.trim(),
    ...(input.sender === undefined ? {} : { sender: input.sender }),
    ...(input.helo === undefined ? {} : { helo: input.helo.trim() }),
  };
}

const meaning: Readonly<Record<SpfResult, string>> = {
  pass: 'the address is authorised to send for this domain',
  fail: 'the domain says this address may NOT send for it; receivers that enforce SPF reject the mail',
  softfail:
    'the domain says this address is probably not authorised; receivers usually accept but mark the mail',
  neutral: 'the domain makes no statement about this address',
  none: 'the domain publishes no SPF policy, so receivers cannot tell',
  permerror: 'the policy is broken; receivers treat it as an error and may reject or ignore it',
  temperror: 'a DNS lookup failed for now; receivers defer the mail and try again later',
};

export async function evaluateSpfQuestion(question: SpfQuestion, runtime: Runtime): Promise<SpfEvaluation> {
  return evaluateSender(question, runtime.dns);
}

export function renderSpfText(evaluation: SpfEvaluation): string {
  const headline = `SPF result: ${evaluation.result.toUpperCase()} — ${meaning[evaluation.result]}.`;
  return `${[headline, '', ...formatTrace(evaluation)].map(neutralizeControls).join('\n')}\n`;
}

export function renderSpfJson(evaluation: SpfEvaluation): string {
  return `${JSON.stringify({ schemaVersion: reportSchemaVersion, ...evaluation }, null, 2)}\n`;
}

export async function spfCommand(
  domain: string,
  values: SpfValues,
  { services, io }: CommandContext,
): Promise<CommandResult> {
  const options = parseCommonOptions(values);
  const question = parseSpfQuestion({ domain, ...values });
  if (options.output !== undefined) await assertWritable(options.output);
  const evaluation = await withRuntime(services, options, io, async (runtime) => {
    const result = await evaluateSpfQuestion(question, runtime);
    if (result.result === 'temperror') await assertResolverAnswers(runtime);
    return result;
  });
  const output = options.format === 'json' ? renderSpfJson(evaluation) : renderSpfText(evaluation);
  return {
    output,
    exitCode: exitCodes.ok,
    ...(options.output === undefined ? {} : { outputPath: options.output }),
  };
}
