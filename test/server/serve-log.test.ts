// `serve --log`: a line per API call like Prism's, with the refusal's reason; `debug` adds the
// bodies; the default prints none when stdout is not a terminal (a pipe, a CI log).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logLevel, requestLine } from '../../src/requests/request-log.js';
import { BASIC, killSpawned, spawnServer, tempDir } from '../support/spawn-server.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  tmp = await tempDir('serve-log');
});

afterEach(async () => {
  await killSpawned();
  await tmp.remove();
});

async function exercise(args: string[]): Promise<string> {
  const server = await spawnServer(['--port', '0', '--db', ':memory:', ...args], { cwd: tmp.dir });
  const headers = { authorization: BASIC, 'content-type': 'application/json' };
  expect((await fetch(`${server.url}/api/v1/Webhook/1`, { headers })).status).toBe(200);
  const refused = await fetch(`${server.url}/Cust5/api/v1/Webhook`, {
    method: 'POST',
    headers,
    body: '{"Name":"x","Bogus":1}',
  });
  expect(refused.status).toBe(400);
  const result = await server.stop();
  return result.stdout;
}

describe('serve --log', () => {
  it('requests: one line per call, a refusal with its reason', async () => {
    const out = await exercise(['--log', 'requests']);
    expect(out).toMatch(/^\d\d:\d\d:\d\d\.\d{3} GET \/api\/v1\/Webhook\/1 200 \d+\.\d ms$/m);
    expect(out).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} POST \/Cust5\/api\/v1\/Webhook 400 \d+\.\d ms {2}Request body has an unknown field 'Bogus'$/m,
    );
    expect(out).not.toContain('request: ');
  });

  it('debug: the bodies too', async () => {
    const out = await exercise(['--log', 'debug']);
    expect(out).toContain('  request: {"Name":"x","Bogus":1}');
    expect(out).toMatch(/ {2}response: \{"WebhookId":1,/);
  });

  it('prints no request line by default when stdout is not a terminal', async () => {
    const out = await exercise([]);
    expect(out).toContain('listening on');
    expect(out).not.toMatch(/GET \/api\/v1\/Webhook\/1/);
  });

  it('keeps terminal escapes a client sends out of the line', () => {
    const line = requestLine(
      {
        at: 0,
        tenant: 'Default',
        method: 'GET',
        url: 'http://x/',
        basePath: '',
        status: 400,
        durationMs: 1,
        operationId: undefined,
        problem: 'bad \u001b]52;c;AAAA\u0007',
        requestHeaders: () => new Headers(),
        requestBody: undefined,
        responseHeaders: () => new Headers(),
        responseBody: undefined,
      },
      '/api/\u001b[2J',
    );
    expect(line).not.toContain('\u001b');
    expect(line).not.toContain('\u0007');
  });

  it('defaults to a line per request on a terminal, and refuses an unknown level', async () => {
    expect(logLevel(undefined, true)).toBe('requests');
    expect(logLevel(undefined, false)).toBe('off');
    const bad = await spawnServer(['--port', '0', '--log', 'loud'], { cwd: tmp.dir }).catch(
      (error: Error) => error,
    );
    expect(String(bad)).toContain('--log must be off, requests, debug');
  });
});
