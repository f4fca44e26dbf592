// The limits of src/platform/limits.ts: one set of defaults, documented alike in --help and docs/serving.md,
// and each enforced at its exact boundary (the last accepted value and the first refused one).
// Bounds: about 10 requests, one real listener for the header limit (Node enforces it).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServeArgs, SERVE_HELP } from '../../src/config.js';
import { DEFAULT_LIMITS } from '../../src/platform/limits.js';
import { PACKAGE_ROOT } from '../../src/paths.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { createTestApp, errorOf, type TestApp } from '../support/test-app.js';
import { send } from './fuzz-client.js';
import { BASIC } from './support.js';

const FLAGS = {
  'max-body': DEFAULT_LIMITS.maxBodyBytes,
  'queue-size': DEFAULT_LIMITS.queueSize,
  concurrency: DEFAULT_LIMITS.concurrency,
  'delivery-timeout': DEFAULT_LIMITS.attemptTimeoutMs,
} as const;

describe('limit defaults are defined once and documented alike', () => {
  it('parseServeArgs without flags yields DEFAULT_LIMITS', () => {
    const config = parseServeArgs([]);
    expect(config === 'help' ? undefined : config.limits).toEqual(DEFAULT_LIMITS);
  });

  it.each(Object.entries(FLAGS))(
    '--%s: --help and docs/serving.md show the default %d',
    (flag, value) => {
      const help = SERVE_HELP.split('\n').find((line) => line.trimStart().startsWith(`--${flag} `));
      expect(help).toMatch(new RegExp(`\\(${value}\\)\\s*$`));
      const readme = readFileSync(`${PACKAGE_ROOT}docs/serving.md`, 'utf8');
      const row = readme.split('\n').find((line) => line.startsWith(`| \`--${flag} `));
      expect(row?.split('|')[3]?.trim()).toBe(`\`${value}\``);
    },
  );
});

describe('body size and JSON depth are enforced at the boundary (app.request)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ limits: { maxBodyBytes: 200, maxJsonDepth: 4 } });
  });

  /** A SaveWebhook body of exactly `bytes` bytes. */
  const bodyOf = (bytes: number) => {
    const shell = '{"Name":""}';
    return `{"Name":"${'n'.repeat(bytes - shell.length)}"}`;
  };

  const save = (body: string) =>
    t.call('/api/v1/Agents/Webhook/SaveWebhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });

  it('a body of exactly --max-body bytes is read; one byte more is a 413', async () => {
    expect(Buffer.byteLength(bodyOf(200))).toBe(200);
    expect((await save(bodyOf(200))).status).not.toBe(413);
    const over = await save(bodyOf(201));
    expect(over.status).toBe(413);
    expect((await errorOf(over)).ErrorType).toBe('PayloadTooLargeException');
  });

  it('JSON nested exactly maxJsonDepth deep passes the guard; one level more is a 400', async () => {
    // The root object is level 1; each {"a": inside Properties adds one.
    const nested = (depth: number) =>
      `{"Name":"x","Properties":${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}}`;
    const atLimit = await save(nested(4));
    if (atLimit.status === 400)
      expect((await errorOf(atLimit)).Message).not.toMatch(/nests deeper/);
    const over = await save(nested(5));
    expect(over.status).toBe(400);
    expect((await errorOf(over)).Message).toBe('The request body nests deeper than 4 levels.');
  });
});

describe('the header limit is Node’s (maxHeaderSize from maxHeaderBytes)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
  });
  afterAll(async () => {
    await server.close();
  });

  const withPadding = (bytes: number) =>
    send(server.port, {
      method: 'GET',
      path: '/api/v1/Webhook/default',
      headers: { authorization: BASIC, 'x-padding': 'p'.repeat(bytes) },
      body: undefined,
    });

  it('a head 1 KiB under maxHeaderBytes is served; 1 KiB over is a 431', async () => {
    expect((await withPadding(DEFAULT_LIMITS.maxHeaderBytes - 1024)).status).toBe(200);
    expect((await withPadding(DEFAULT_LIMITS.maxHeaderBytes + 1024)).status).toBe(431);
    expect((await withPadding(10)).status).toBe(200);
  });
});
