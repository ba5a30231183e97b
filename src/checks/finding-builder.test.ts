// The finding builder: default severities, and optional fields present only when given, always in one order
// (reports and fleet output serialise findings as built).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckMeta } from '../model/finding.js';
import { defaultSeverity, finding } from './finding-builder.js';

const meta: CheckMeta = {
  id: 'demo.check',
  area: 'mx',
  title: 'Demo',
  severity: 'high',
  description: 'A check for this test.',
  remediation: 'Nothing.',
  references: [],
};

describe('finding', () => {
  it('leaves out every optional field that was not given', () => {
    const built = finding(meta, 'pass', { subject: 'example.test', message: 'fine' });
    assert.deepEqual(Object.keys(built), ['checkId', 'status', 'severity', 'subject', 'message', 'evidence']);
    assert.deepEqual(built.evidence, []);
    assert.equal(built.severity, 'info');
  });

  it('keeps one field order whatever order the input has', () => {
    const built = finding(meta, 'fail', {
      fixIsLiteral: true,
      fixParams: { a: 1 },
      fixKey: 'demo.fix',
      messageParams: { domain: 'example.test' },
      messageKey: 'demo.message',
      fix: 'do this',
      evidence: [{ kind: 'text', label: 'l', value: 'v' }],
      message: 'bad',
      subject: 'example.test',
    });
    assert.equal(
      JSON.stringify(built),
      '{"checkId":"demo.check","status":"fail","severity":"high","subject":"example.test","message":"bad",' +
        '"evidence":[{"kind":"text","label":"l","value":"v"}],"fix":"do this","messageKey":"demo.message",' +
        '"messageParams":{"domain":"example.test"},"fixKey":"demo.fix","fixParams":{"a":1},"fixIsLiteral":true}',
    );
  });

  it('drops fixIsLiteral when false and honours an explicit severity', () => {
    const built = finding(meta, 'warn', {
      subject: 's',
      message: 'm',
      fixIsLiteral: false,
      severity: 'critical',
    });
    assert.equal('fixIsLiteral' in built, false);
    assert.equal(built.severity, 'critical');
  });

  it('derives the default severity from the status', () => {
    assert.equal(defaultSeverity(meta, 'fail'), 'high');
    assert.equal(defaultSeverity(meta, 'warn'), 'medium');
    assert.equal(defaultSeverity(meta, 'error'), 'info');
  });
});
