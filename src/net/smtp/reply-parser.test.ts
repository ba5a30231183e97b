import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExtensions } from './extensions.js';
import { ReplyParser } from './reply-parser.js';

const bounds = { maxLineBytes: 64, maxReplyLines: 5, maxReplyBytes: 200 };

describe('ReplyParser', () => {
  it('assembles multi-line replies split across chunks, CRLF or bare LF, several per chunk', () => {
    const parser = new ReplyParser(bounds);
    const first = parser.push(Buffer.from('250-mx.example.test hi\r\n250-PIPE'));
    assert.deepEqual(first.replies, []);
    assert.equal(parser.hasPartial(), true);
    const second = parser.push(Buffer.from('LINING\n250 SIZE 100\r\n220 2.0.0 Ready\r\n'));
    assert.deepEqual(
      second.replies.map((reply) => [reply.code, reply.lines]),
      [
        [250, ['mx.example.test hi', 'PIPELINING', 'SIZE 100']],
        [220, ['2.0.0 Ready']],
      ],
    );
    assert.equal(second.replies[1]?.enhancedCode, '2.0.0');
    assert.equal(parser.hasPartial(), false);
  });

  it('accepts a bare code as a last line', () => {
    const step = new ReplyParser(bounds).push(Buffer.from('250\r\n'));
    assert.deepEqual(step.replies[0]?.lines, ['']);
  });

  it('refuses lines that are not replies, code changes, long lines, and too many lines', () => {
    assert.match(
      new ReplyParser(bounds).push(Buffer.from('hello\r\n')).error ?? '',
      /not an SMTP reply line/,
    );
    assert.match(new ReplyParser(bounds).push(Buffer.from('250-a\r\n251 b\r\n')).error ?? '', /code changed/);
    assert.match(new ReplyParser(bounds).push(Buffer.alloc(65, 0x78)).error ?? '', /longer than 64 bytes/);
    assert.match(
      new ReplyParser(bounds).push(Buffer.from('250-a\r\n'.repeat(6))).error ?? '',
      /more than 5 lines/,
    );
    const parser = new ReplyParser(bounds);
    parser.push(Buffer.from('nonsense\r\n'));
    assert.ok(parser.push(Buffer.from('220 ok\r\n')).error, 'nothing is parsed after a protocol error');
  });
});

describe('parseExtensions', () => {
  it('reads keywords, AUTH (both forms), SIZE and X-ANONYMOUSTLS', () => {
    const extensions = parseExtensions({
      code: 250,
      lines: [
        'mx Hello',
        'SIZE 37748736',
        'STARTTLS',
        'X-ANONYMOUSTLS',
        'AUTH NTLM LOGIN',
        'AUTH=LOGIN',
        'PIPELINING',
      ],
    });
    assert.equal(extensions.starttls, true);
    assert.equal(extensions.anonymousTls, true);
    assert.deepEqual(extensions.auth, ['NTLM', 'LOGIN']);
    assert.equal(extensions.size, 37748736);
    assert.equal(extensions.pipelining, true);
    assert.equal(extensions.eightBitMime, false);
    assert.equal(parseExtensions({ code: 250, lines: ['mx', 'SIZE'] }).size, null);
    assert.equal('size' in parseExtensions({ code: 250, lines: ['mx'] }), false);
  });
});
