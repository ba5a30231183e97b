// The SmtpProber over real sockets: limits merged, the AddressMap applied, every connection through the
// keyed limiter (one at a time per address by default, a global cap), each call one session of session.ts.

import { type AddressMap, identityAddressMap } from '../address-map.js';
import type { TlsVersionName } from '../tls/types.js';
import { KeyedLimiter } from './limiter.js';
import { resolveLimits } from './limits.js';
import {
  runCipherFamilyProbe,
  runPreferredProbe,
  runProbe,
  runRelayProbe,
  runTlsVersionProbe,
  type SessionSettings,
} from './session.js';
import {
  type CipherFamilyOutcome,
  type CipherProbeOptions,
  type CipherProbeResult,
  type ProbeOptions,
  type RelayProbeRequest,
  type RelayProbeResult,
  type SmtpLimits,
  type SmtpProbeResult,
  type SmtpProber,
  type SmtpTarget,
  type TlsProbeOptions,
  type TlsVersionProbeResult,
  type Transcript,
  weakCipherFamilyNames,
} from './types.js';

export interface NodeSmtpProberOptions {
  /** Lab address mapping; identity (dial what DNS said) by default. */
  readonly addressMap?: AddressMap;
  /** PEM roots trusted besides Node's bundled ones (the lab CA). */
  readonly extraCas?: readonly string[];
  /** Defaults for every call; a call's own `limits` win. */
  readonly limits?: Partial<SmtpLimits>;
  /** Connections in flight at once, all addresses together (default 8). */
  readonly maxConnections?: number;
  /** Connections in flight to one address (default 1). */
  readonly maxPerAddress?: number;
}

export const defaultMaxConnections = 8;
export const defaultMaxPerAddress = 1;

export class NodeSmtpProber implements SmtpProber {
  private readonly limiter: KeyedLimiter;
  private readonly addressMap: AddressMap;

  constructor(private readonly options: NodeSmtpProberOptions = {}) {
    this.addressMap = options.addressMap ?? identityAddressMap;
    this.limiter = new KeyedLimiter({
      global: options.maxConnections ?? defaultMaxConnections,
      perKey: options.maxPerAddress ?? defaultMaxPerAddress,
    });
  }

  private settings(target: SmtpTarget, limits?: Partial<SmtpLimits>, signal?: AbortSignal): SessionSettings {
    const bare = target.address.replace(/^\[|\]$/g, '');
    return {
      target,
      dialled: this.addressMap.resolve({ address: bare, port: target.port }),
      limits: resolveLimits(this.options.limits, limits),
      extraCas: this.options.extraCas ?? [],
      ...(signal === undefined ? {} : { signal }),
    };
  }

  private limited<T>(target: SmtpTarget, work: () => Promise<T>): Promise<T> {
    return this.limiter.run(target.address.replace(/^\[|\]$/g, '').toLowerCase(), work);
  }

  probe(target: SmtpTarget, options: ProbeOptions = {}): Promise<SmtpProbeResult> {
    return this.limited(target, () =>
      runProbe(this.settings(target, options.limits, options.signal), options),
    );
  }

  probeTlsVersion(
    target: SmtpTarget,
    version: TlsVersionName,
    options: TlsProbeOptions = {},
  ): Promise<TlsVersionProbeResult> {
    return this.limited(target, () =>
      runTlsVersionProbe(this.settings(target, options.limits, options.signal), version),
    );
  }

  async probeCiphers(target: SmtpTarget, options: CipherProbeOptions = {}): Promise<CipherProbeResult> {
    const settings = this.settings(target, options.limits, options.signal);
    const families: CipherFamilyOutcome[] = [];
    const transcripts: Transcript[] = [];
    const preferred = await this.limited(target, () => runPreferredProbe(settings));
    transcripts.push(preferred.transcript);
    for (const family of options.families ?? weakCipherFamilyNames) {
      if (options.signal?.aborted) break;
      // No STARTTLS, unreachable, 421…: every family would fail the same way, so do not knock again.
      if (preferred.outcome.kind === 'error') {
        families.push({ kind: 'error', family, failure: preferred.outcome.failure });
        continue;
      }
      const result = await this.limited(target, () => runCipherFamilyProbe(settings, family));
      families.push(result.outcome);
      if (result.transcript !== undefined) transcripts.push(result.transcript);
    }
    return {
      target,
      families,
      ...(preferred.outcome.kind === 'accepted'
        ? { preferred: { protocol: preferred.outcome.protocol, cipher: preferred.outcome.cipher } }
        : {}),
      transcripts,
    };
  }

  relayProbe(target: SmtpTarget, request: RelayProbeRequest): Promise<RelayProbeResult> {
    return this.limited(target, () =>
      runRelayProbe(this.settings(target, request.limits, request.signal), request),
    );
  }
}
