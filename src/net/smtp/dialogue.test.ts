import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  assertNotDelivery,
  commandLine,
  type DialogueState,
  isAllowed,
  nextState,
  type Verb,
} from './dialogue.js';
import { KeyedLimiter } from './limiter.js';

const states: readonly DialogueState[] = [
  'connected',
  'greeted',
  'ready',
  'tls-fresh',
  'mail',
  'auth',
  'closed',
];

describe('the SMTP state machine', () => {
  it('has no state in which DATA or BDAT may be sent', () => {
    for (const state of states) {
      assert.equal(isAllowed(state, 'DATA' as Verb), false);
      assert.equal(isAllowed(state, 'BDAT' as Verb), false);
    }
  });

  it('refuses any line that would start a message, whatever built it', () => {
    assert.throws(() => assertNotDelivery('DATA'), /never delivers/);
    assert.throws(() => assertNotDelivery('bdat 100 LAST'), /never delivers/);
    assert.doesNotThrow(() => assertNotDelivery('RCPT TO:<data@example.test>'));
  });

  it('refuses CR/LF in arguments, so no second command can be smuggled in', () => {
    assert.throws(() => commandLine({ verb: 'RCPT', to: 'a@b.test>\r\nDATA' }), /CR, LF/);
    assert.equal(commandLine({ verb: 'MAIL', from: '' }), 'MAIL FROM:<>');
  });

  it('moves to mail only after an accepted MAIL, back to ready after RSET; MAIL needs EHLO first', () => {
    assert.equal(nextState('ready', { verb: 'MAIL', from: 'a@b.test' }, 250), 'mail');
    assert.equal(nextState('ready', { verb: 'MAIL', from: 'a@b.test' }, 550), 'ready');
    assert.equal(nextState('mail', { verb: 'RSET' }, 250), 'ready');
    assert.equal(isAllowed('greeted', 'MAIL'), false);
    assert.equal(isAllowed('tls-fresh', 'AUTH'), false);
    assert.equal(isAllowed('ready', 'RCPT'), false);
  });
});

describe('KeyedLimiter', () => {
  it('runs one task per key at a time, different keys together, within the global cap', async () => {
    const limiter = new KeyedLimiter({ global: 2, perKey: 1 });
    const active = new Map<string, number>();
    let peak = 0;
    let peakSameKey = 0;
    let release: (() => void)[] = [];
    const task = (key: string) =>
      limiter.run(key, async () => {
        active.set(key, (active.get(key) ?? 0) + 1);
        peakSameKey = Math.max(peakSameKey, active.get(key) ?? 0);
        peak = Math.max(
          peak,
          [...active.values()].reduce((a, b) => a + b, 0),
        );
        await new Promise<void>((resolve) => release.push(resolve));
        active.set(key, (active.get(key) ?? 1) - 1);
      });
    const all = Promise.all([task('a'), task('a'), task('b'), task('c')]);
    for (let round = 0; round < 4; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      const now = release;
      release = [];
      for (const resolve of now) resolve();
    }
    await all;
    assert.equal(peakSameKey, 1);
    assert.equal(peak, 2);
  });
});
