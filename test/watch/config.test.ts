// The watch config: a full valid file, and each kind of mistake named by line, column and field (exit 2).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { parseWatchConfig } from '../../src/watch/config.js';
import { nextRun } from '../../src/watch/schedule.js';
import { runCliCaptured } from '../cli/run-cli.js';

const valid = `# watched every morning
domains:
  - Example.test
  - example.org
schedule: '0 6 * * *'
timezone: Europe/Paris
checks: dns
db: history.db
thresholds:
  minSeverity: high
alerts:
  - type: webhook
    url: https://hooks.example.test/services/T000/B000/XXXX
    style: slack
  - type: email
    host: smtp.example.test
    port: 587
    security: starttls
    user: alerts@example.test
    passwordEnv: TELLTALE_SMTP_PASSWORD
    from: telltale@example.test
    to: [it@example.test, boss@example.test]
retry:
  attempts: 3
`;

function problemsOf(text: string): string[] {
  const parsed = parseWatchConfig(text);
  assert.equal(parsed.ok, false, 'expected problems');
  return parsed.ok ? [] : parsed.problems.map((p) => `${p.line}:${p.column} ${p.field}: ${p.message}`);
}

describe('watch config', () => {
  test('a complete file is read with its defaults', () => {
    const parsed = parseWatchConfig(valid);
    assert.ok(parsed.ok, parsed.ok ? '' : JSON.stringify(parsed.problems));
    const { config } = parsed;
    assert.deepEqual(config.domains, ['example.test', 'example.org']);
    assert.equal(config.schedule, '0 6 * * *');
    assert.equal(config.timezone, 'Europe/Paris');
    assert.deepEqual([...config.checks], ['dns']);
    assert.equal(config.minSeverity, 'high');
    assert.equal(config.alertOnBaseline, false);
    assert.deepEqual(config.retry, { attempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000 });
    const [hook, mail] = config.channels;
    assert.equal(hook?.kind, 'webhook');
    assert.equal(hook?.kind === 'webhook' ? hook.style : '', 'slack');
    assert.match(hook?.name ?? '', /^webhook:[0-9a-f]{10}$/);
    assert.deepEqual(mail?.kind === 'email' ? [mail.security, mail.auth, mail.to] : [], [
      'starttls',
      { user: 'alerts@example.test', passwordEnv: 'TELLTALE_SMTP_PASSWORD' },
      ['it@example.test', 'boss@example.test'],
    ]);
  });

  test('each mistake is named by line, column and field', () => {
    const problems = problemsOf(`domains: [example.test, 'not a domain!']
shedule: '0 6 * * *'
schedule: '61 * * * *'
alerts:
  - type: webhook
    url: ftp://x.example.test/
  - type: webhook
    url: https://x.example.test/
    style: discord
  - type: email
    host: smtp.example.test
    password: hunter2
    from: nobody
thresholds: { minSeverity: severe }
`);
    const expected = [
      /^1:25 domains\[1\]: /,
      /^2:1 shedule: unknown field/,
      /^3:11 schedule: not a valid cron expression/,
      /^6:10 alerts\[0\]\.url: expected an https:\/\//,
      /^9:12 alerts\[1\]\.style: expected one of generic, slack, teams-messagecard, teams-adaptive/,
      /^10:5 alerts\[2\]\.to: missing/,
      /^12:5 alerts\[2\]\.password: never write a password into the file: name an environment variable with passwordEnv/,
      /^13:11 alerts\[2\]\.from: expected an e-mail address/,
      /^14:28 thresholds\.minSeverity: expected one of info, low, medium, high, critical/,
    ];
    for (const pattern of expected) {
      assert.ok(
        problems.some((line) => pattern.test(line)),
        `${pattern} not in:\n${problems.join('\n')}`,
      );
    }
  });

  test('missing essentials, YAML syntax and an empty file', () => {
    const missing = problemsOf('checks: dns\n');
    assert.ok(missing.some((line) => /domains: missing/.test(line)));
    assert.ok(missing.some((line) => /schedule: missing/.test(line)));
    assert.ok(missing.some((line) => /alerts: missing/.test(line)));
    const syntax = problemsOf('domains: [a.test\nschedule: x\n');
    assert.match(syntax[0] ?? '', /^\d+:\d+ : /);
    assert.match(problemsOf('')[0] ?? '', /empty/);
  });

  test('the schedule gives the next run in its time zone', () => {
    const after = new Date('2026-03-01T10:00:00Z');
    assert.equal(nextRun('0 6 * * *', 'UTC', after).toISOString(), '2026-03-02T06:00:00.000Z');
    // 06:00 in Paris is 05:00 UTC in winter.
    assert.equal(nextRun('0 6 * * *', 'Europe/Paris', after).toISOString(), '2026-03-02T05:00:00.000Z');
    assert.equal(nextRun('*/15 * * * *', 'UTC', after).toISOString(), '2026-03-01T10:15:00.000Z');
  });

  describe('through the CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'telltale-watch-config-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('a broken config exits 2 naming the file, line and field', async () => {
      const path = join(dir, 'broken.yaml');
      writeFileSync(path, "domains: [example.test]\nschedule: '* * *'\nalerts: []\n");
      const run = await runCliCaptured(['watch', path, '--once']);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /broken\.yaml:2:11: schedule: not a valid cron expression/);
      assert.match(run.stderr, /broken\.yaml:3:9: alerts: give at least one alert channel/);
    });

    test('an SMTP password variable that is not set exits 2 before any scan', async () => {
      const path = join(dir, 'mail.yaml');
      writeFileSync(path, valid);
      const run = await runCliCaptured(['watch', path, '--once', '--db', join(dir, 'h.db')], { env: {} });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /environment variable TELLTALE_SMTP_PASSWORD .* is not set/);
    });

    test('a missing config file exits 2', async () => {
      const run = await runCliCaptured(['watch', join(dir, 'nope.yaml'), '--once']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /nope\.yaml: no such file/);
    });
  });
});
