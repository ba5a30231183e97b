// Every user-facing sentence of `telltale logs` in one place (a later issue moves them into catalogues).

import type { Severity } from '../model/finding.js';

export const logMessages = {
  verdictCompromise: () =>
    'COMPROMISE INDICATORS FOUND: treat the server as compromised until an investigation says otherwise.',
  verdictExploitation: () =>
    'Exploit requests reached the server and the logs do not show them failing: investigate as a possible compromise.',
  verdictSuspicious: () =>
    'Actions that attackers take, and administrators sometimes take too, were logged: confirm who did them.',
  verdictAttempts: () =>
    'Only failed attempts were found (scanners probing the server); nothing shows that one succeeded.',
  verdictClean: () =>
    'No indicator matched in the logs read. This covers only the period the logs cover (see Coverage).',
  verdictNothing: () => 'No log could be read: nothing was checked.',
  stepIsolate: () =>
    'Preserve evidence first: copy the logs and the suspicious files (with their timestamps) before cleaning anything.',
  stepTools: () =>
    "Run Microsoft's Exchange On-premises Mitigation Tool / Test-ProxyLogon.ps1 and a full Microsoft Safety Scanner or Defender scan on the server.",
  stepPatch: () =>
    'Install the latest Cumulative Update and Security Update for your Exchange version (telltale scan shows the build it sees from outside).',
  stepCredentials: () =>
    'Reset the passwords of administrators and of the accounts named in the hits; review Organization Management members and Mailbox Import Export role assignments.',
  stepGdpr: () =>
    'GDPR Art. 33: if personal data may have been accessed, the controller must notify the supervisory authority within 72 hours of becoming aware of the breach (and document it even when not notifying). The clock may already be running: involve your data protection officer now. This is not legal advice.',
  stepGdprPossible: () =>
    'If the investigation confirms access to personal data, GDPR Art. 33 gives 72 hours from that awareness to notify the supervisory authority. This is not legal advice.',
  stepCoverage: () =>
    'Logs roll over: check that the files cover the period you care about (Exchange keeps HttpProxy logs 30 days by default), and keep older copies.',
  stepNotEvaluable: (count: number) =>
    `${count} indicator(s) could not be evaluated because the logs lack a field (see below); enable the field (e.g. cs(Cookie) in IIS logging) to cover them.`,
  skipped: (reason: string) => `skipped: ${reason}`,
  readError: (reason: string) => `read error: ${reason}`,
  shrank: () =>
    'the file got shorter while it was read (truncated or rotated): only the part read was checked',
  longLines: (count: number, cap: number) => `${count} line(s) longer than ${cap} characters were cut`,
  workerFailed: (reason: string) => `the scanner thread failed (${reason}); this file was not fully checked`,
  binaryLines: (count: number) => `${count} line(s) with binary data (NUL bytes) were ignored`,
  missingPath: (path: string) => `${path}: no such file or folder`,
  nothingRecognised: (count: number) =>
    `none of the ${count} file(s) could be read as a log (see the skipped list with --format json or above)`,
  notEvaluable: (fields: readonly string[]) => `needs ${fields.join(', ')}, which these logs do not record`,
  failedOnly: (severity: Severity) => `only failed attempts (reported at ${severity})`,
} as const;
