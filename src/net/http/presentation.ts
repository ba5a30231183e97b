// An HTTPS fetch as evidence a user can check with curl: request, status, type, size and the TLS verdict.

import type { TextEvidence } from '../../model/finding.js';
import type { HttpsResponse } from './types.js';

export function describeHttps(response: HttpsResponse): string {
  if (response.kind === 'error') return `GET ${response.url} → ${response.reason}: ${response.detail}`;
  const lines = [`GET ${response.url} (${response.remoteAddress}) → ${response.status}`];
  for (const name of ['content-type', 'location', 'content-length'])
    if (response.headers[name] !== undefined) lines.push(`${name}: ${response.headers[name]}`);
  lines.push(
    `body: ${response.body.length} bytes${response.truncated ? ' (cut: larger than the limit)' : ''}`,
  );
  const { tls } = response;
  lines.push(
    tls.authorized ? 'TLS: certificate valid' : `TLS: certificate NOT valid: ${tls.error ?? 'unknown'}`,
  );
  if (tls.certificate !== undefined) {
    const cert = tls.certificate;
    lines.push(
      `certificate: subject ${cert.subject}; issuer ${cert.issuer}; names ${cert.subjectAltName || '(none)'}`,
    );
    lines.push(`valid ${cert.validFrom} → ${cert.validTo}; SHA-256 ${cert.fingerprint256}`);
  }
  return lines.join('\n');
}

export function httpsEvidence(response: HttpsResponse): TextEvidence {
  return { kind: 'text', label: `HTTPS ${response.url}`, value: describeHttps(response) };
}
