import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { StreamPrinter, excerpt, pretty, wantsColour } from './printer.js';

function capture() {
  const sink = { text: '' };
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      sink.text += chunk.toString('utf8');
      done();
    },
  });
  return { sink, stream };
}

const arrival = {
  path: '/hooks/crm',
  headers: {
    'Content-Type': 'application/json',
    'X-SuperOffice-Event': 'contact.created',
    'X-SuperOffice-Retry': '0',
  },
  body: '{"EventId":"e1","Changes":[]}',
  status: 500,
  signature: 'valid' as const,
};

describe('wantsColour', () => {
  it.each([
    [true, {}, true],
    [true, { NO_COLOR: '' }, true],
    [true, { NO_COLOR: '1' }, false],
    [false, {}, false],
    [undefined, {}, false],
  ])('isTTY %s, env %j → %s', (isTTY, env, expected) => {
    expect(wantsColour(isTTY, env)).toBe(expected);
  });
});

describe('StreamPrinter', () => {
  it('writes plain text without colour', () => {
    const { sink, stream } = capture();
    const print = new StreamPrinter(stream, false);
    print.heading('Register');
    print.heading('Signal');
    print.arrival(arrival);
    print.check(false, 'nope');
    expect(sink.text).not.toContain('\u001b[');
    expect(sink.text).toContain('━━ Step 1: Register\n');
    expect(sink.text).toContain('━━ Step 2: Signal\n');
    expect(sink.text).toContain(
      '⇢ receiver got POST /hooks/crm  contact.created  retry 0  answered 500\n',
    );
    // Key headers only: X-* and User-Agent, not Content-Type.
    expect(sink.text).toContain('    X-SuperOffice-Event: contact.created\n');
    expect(sink.text).not.toContain('Content-Type');
    expect(sink.text).toContain('    {\n      "EventId": "e1",\n      "Changes": []\n    }\n');
    expect(sink.text).toContain('✗ nope');
  });

  it('colours with ANSI codes when asked', () => {
    const { sink, stream } = capture();
    const print = new StreamPrinter(stream, true);
    print.response({ status: 200, statusText: 'OK', body: '' });
    print.response({ status: 410, statusText: 'Gone', body: '' });
    expect(sink.text).toContain('\u001b[32m200 OK\u001b[0m');
    expect(sink.text).toContain('\u001b[31m410 Gone\u001b[0m');
  });

  it('shows a retry in one line, finding headers in any case', () => {
    const { sink, stream } = capture();
    const headers = { 'x-superoffice-event': 'contact.created', 'x-superoffice-retry': '2' };
    new StreamPrinter(stream, false).arrival({ ...arrival, headers });
    expect(sink.text).toBe(
      '⇢ receiver got POST /hooks/crm  contact.created  retry 2  answered 500  (same EventId and body)\n',
    );
  });
});

describe('pretty and excerpt', () => {
  it('keeps short plain arrays on one line', () => {
    expect(pretty({ a: ['x', 'y'], b: [1, { c: null }], d: {} })).toBe(
      '{\n  "a": ["x", "y"],\n  "b": [\n    1,\n    {\n      "c": null\n    }\n  ],\n  "d": {}\n}',
    );
  });

  it('cuts a long body to a screenful and says how much is left', () => {
    const body = JSON.stringify(Object.fromEntries([...Array(20).keys()].map((i) => [`k${i}`, i])));
    const lines = excerpt(body, 5);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe('… (17 more lines)');
  });

  it('shows text that is not JSON as it came', () => {
    expect(excerpt('HTTP/1.1 500\r\nboom')).toEqual(['HTTP/1.1 500', 'boom']);
    expect(excerpt('')).toEqual([]);
  });
});
