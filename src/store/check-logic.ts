// The "check logic version" recorded with each scan: a hash per check unit of its metadata and of an
// explicit `version` when the unit declares one, so a diff can tell new check logic from new infrastructure.

import { createHash } from 'node:crypto';
import type { DomainCheck } from '../checks/check.js';
import type { CheckMeta } from '../model/finding.js';
import type { CheckLogic, CheckUnitVersion } from './types.js';

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** A unit may declare `version: '2'` to say its logic changed while its metadata did not. */
function declaredVersion(check: DomainCheck): string {
  const value: unknown = (check as { readonly version?: unknown }).version;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function metaText(meta: CheckMeta): string {
  return JSON.stringify([meta.id, meta.area, meta.severity, meta.title, meta.description, meta.remediation]);
}

export function checkUnitVersion(check: DomainCheck): CheckUnitVersion {
  const metas = [...check.meta].sort((a, b) => a.id.localeCompare(b.id));
  const text = JSON.stringify([check.name, declaredVersion(check), metas.map(metaText)]);
  return { version: hash(text), checkIds: metas.map((meta) => meta.id) };
}

export function checkLogicOf(checks: readonly DomainCheck[]): CheckLogic {
  const units: Record<string, CheckUnitVersion> = {};
  for (const check of checks) units[check.name] = checkUnitVersion(check);
  const names = Object.keys(units).sort();
  const version = hash(JSON.stringify(names.map((name) => [name, units[name]?.version])));
  return { version, units };
}

/** How the check logic of two scans differs: units added, removed, or changed (by version hash). */
export interface CheckLogicChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

export function compareCheckLogic(from: CheckLogic, to: CheckLogic): CheckLogicChange {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const [name, unit] of Object.entries(to.units)) {
    const before = from.units[name];
    if (before === undefined) added.push(name);
    else if (before.version !== unit.version) changed.push(name);
  }
  for (const name of Object.keys(from.units)) if (to.units[name] === undefined) removed.push(name);
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

/** The unit that reports a check ID in this logic, if any. */
export function unitOfCheckId(logic: CheckLogic, checkId: string): string | undefined {
  for (const [name, unit] of Object.entries(logic.units)) if (unit.checkIds.includes(checkId)) return name;
  return undefined;
}
