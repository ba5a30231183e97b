// Combines build observations into one build per server: observations that agree (one is a prefix of the
// other) strengthen each other; ones that disagree are kept apart, named by the front-end that answered.

import type { ExchangeVersion } from '../../protocols/exchange-build/types.js';
import type { BuildObservation } from './observations.js';

export interface ServerBuild {
  /** X-FEServer of the responses, when the server named itself. */
  readonly server: string | undefined;
  /** The most precise version every observation of this group agrees with. */
  readonly version: BuildObservation['version'];
  readonly observations: readonly BuildObservation[];
}

export interface CombinedBuilds {
  readonly servers: readonly ServerBuild[];
  /** More than one server group with builds that do not agree: a load-balanced, mixed-build front. */
  readonly disagreement: boolean;
}

/** True when the shorter version is a prefix of the longer one (15.1.2176 agrees with 15.1.2176.2). */
export function versionsAgree(left: ExchangeVersion, right: ExchangeVersion): boolean {
  const length = Math.min(left.parts.length, right.parts.length);
  for (let index = 0; index < length; index += 1) if (left.parts[index] !== right.parts[index]) return false;
  return true;
}

function morePrecise(
  left: BuildObservation['version'],
  right: BuildObservation['version'],
): BuildObservation['version'] {
  return right.parts.length > left.parts.length ? right : left;
}

interface Group {
  server: string | undefined;
  version: BuildObservation['version'];
  observations: BuildObservation[];
}

/**
 * Groups first by front-end name, then by agreement. Observations without a front-end name join a named
 * group they agree with when there is exactly one such group; otherwise they form their own.
 */
export function combineObservations(observations: readonly BuildObservation[]): CombinedBuilds {
  const groups: Group[] = [];
  const place = (observation: BuildObservation, server: string | undefined): void => {
    const candidates = groups.filter(
      (group) =>
        (server === undefined || group.server === server) &&
        versionsAgree(group.version, observation.version),
    );
    const target = server === undefined && candidates.length > 1 ? undefined : candidates[0];
    if (target === undefined) {
      groups.push({ server, version: observation.version, observations: [observation] });
      return;
    }
    target.observations.push(observation);
    target.version = morePrecise(target.version, observation.version);
  };
  const named = observations.filter((observation) => observation.frontEnd !== undefined);
  const unnamed = observations.filter((observation) => observation.frontEnd === undefined);
  for (const observation of named) place(observation, observation.frontEnd);
  for (const observation of unnamed) place(observation, undefined);
  const disagreement = groups.some((group, index) =>
    groups.slice(index + 1).some((other) => !versionsAgree(group.version, other.version)),
  );
  // Same build seen on several named front-ends: one server entry per name is still right (they are servers).
  return { servers: groups.map((group) => ({ ...group })), disagreement };
}
