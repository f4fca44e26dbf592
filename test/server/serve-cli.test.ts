// `so-webhook-mock serve` as a real process: help, usage errors, the environment, SIGTERM,
// refusing a store file that is not ours without touching it, --reset,
// state across restarts, a missing fixture, and --auth none.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SERVE_HELP } from '../../src/config.js';
import { STORE_FORMAT } from '../../src/store/state.js';
import {
  BASIC,
  DEFAULT_FIXTURE_WEBHOOKS,
  killSpawned,
  runCli,
  spawnServer,
  tempDir,
} from '../support/spawn-server.js';
import { freePort } from '../support/free-port.js';

const AGENT = '/api/v1/Agents/Webhook';

let tmp: Awaited<ReturnType<typeof tempDir>>;

beforeEach(async () => {
  tmp = await tempDir('serve-cli');
});

afterEach(async () => {
  await killSpawned();
  await tmp.remove();
});

async function saveWebhook(url: string, name: string): Promise<{ WebhookId: number }> {
  const response = await fetch(`${url}${AGENT}/SaveWebhook`, {
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/json' },
    body: JSON.stringify({
      Name: name,
      Events: ['contact.created'],
      TargetUrl: 'https://example.com/hook',
      State: 'Stopped',
    }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { WebhookId: number };
}

describe('so-webhook-mock serve, as a process', () => {
  it('--help prints every option and exits 0', async () => {
    const result = await runCli(['serve', '--help'], { cwd: tmp.dir });
    expect(result).toMatchObject({ code: 0, stdout: SERVE_HELP, stderr: '' });
    for (const flag of ['--port', '--db', '--fixture', '--reset', '--auth', '--max-body']) {
      expect(result.stdout).toContain(flag);
    }
  });

  it('an unknown flag exits 2 with a message naming it', async () => {
    const result = await runCli(['serve', '--bogus-flag'], { cwd: tmp.dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--bogus-flag');
    expect(result.stderr).toContain('--help');
    expect(result.stdout).toBe('');
  });

  it('listens on SO_WEBHOOK_MOCK_PORT, exits 0 on SIGTERM, and a second start keeps the data', async () => {
    const db = join(tmp.dir, 'store.json');
    const port = await freePort();
    const env = { SO_WEBHOOK_MOCK_PORT: String(port), SO_WEBHOOK_MOCK_DB: db };
    const first = await spawnServer([], { cwd: tmp.dir, env });
    expect(first.port).toBe(port);
    const saved = await saveWebhook(first.url, 'kept across restarts');
    expect(await first.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });

    const second = await spawnServer(['--port', '0', '--db', db], { cwd: tmp.dir });
    const got = await fetch(`${second.url}/api/v1/Webhook/${saved.WebhookId}`, {
      headers: { authorization: BASIC },
    });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ Name: 'kept across restarts' });
    // Ids continue after the stored ones; none is handed out twice.
    const next = await saveWebhook(second.url, 'after restart');
    expect(next.WebhookId).toBeGreaterThan(saved.WebhookId);
    expect(await second.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
  });

  const CORRUPT = '{"format": "so-webhook-mock/1", "nextId": 4, "webhooks": [';

  it.each([
    ['not JSON', CORRUPT, /not valid JSON/],
    [
      'JSON without "format"',
      '{\n  "webhooks": [{ "Name": "mine" }]\n}\n',
      /not a so-webhook-mock store/,
    ],
  ])('refuses a store file that is %s, names it, and leaves it unchanged', async (_, text, why) => {
    const db = join(tmp.dir, 'someone-elses.json');
    await writeFile(db, text);
    const before = await readFile(db);

    const refused = await runCli(['serve', '--port', '0', '--db', db], { cwd: tmp.dir });
    expect(refused.code).not.toBe(0);
    expect(refused.code).not.toBeNull();
    expect(refused.stderr).toContain(db);
    expect(refused.stderr).toMatch(why);
    expect(refused.stdout).not.toContain('listening');
    expect((await readFile(db)).equals(before)).toBe(true);
  });

  it('--reset replaces a store file it would refuse with the fixture', async () => {
    const db = join(tmp.dir, 'damaged.json');
    await writeFile(db, CORRUPT);
    const reset = await spawnServer(['--port', '0', '--db', db, '--reset'], { cwd: tmp.dir });
    const stored = JSON.parse(await readFile(db, 'utf8')) as {
      format: string;
      webhooks: unknown[];
    };
    expect(stored.format).toBe(STORE_FORMAT);
    expect(stored.webhooks).toHaveLength(DEFAULT_FIXTURE_WEBHOOKS);
    expect(await reset.stop('SIGTERM')).toMatchObject({ code: 0 });
  });

  it('--fixture naming a missing file fails, names it, and creates no store', async () => {
    const missing = join(tmp.dir, 'no-such-fixture.json');
    const db = join(tmp.dir, 'store.json');
    const result = await runCli(['serve', '--port', '0', '--db', db, '--fixture', missing], {
      cwd: tmp.dir,
    });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain('no-such-fixture.json');
    expect(result.stderr).toMatch(/no such fixture/);
    expect(existsSync(db)).toBe(false);
  });

  it('says a port is taken, and the way out, instead of a raw EADDRINUSE', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = address !== null && typeof address === 'object' ? address.port : 0;
    try {
      const result = await runCli(['serve', '--port', String(port), '--db', ':memory:'], {
        cwd: tmp.dir,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);
      expect(result.stderr).toContain('--port 0');
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });

  it('stops gracefully on a SIGTERM sent the moment the listening line appears', async () => {
    // A supervisor may signal as soon as it reads the line; before the handlers were attached
    // first, the default action killed the process in most of these runs.
    for (let run = 0; run < 4; run++) {
      const server = await spawnServer(['--port', '0', '--db', ':memory:'], { cwd: tmp.dir });
      expect(await server.stop('SIGTERM')).toMatchObject({ code: 0, signal: null });
    }
  });

  it('prints the API, dashboard, docs and inbox URLs on start-up', async () => {
    const server = await spawnServer(['--port', '0', '--db', ':memory:'], { cwd: tmp.dir });
    await expect.poll(() => server.stdout(), { timeout: 10_000 }).toContain('inbox');
    for (const path of ['/api/v1/Webhook', '/', '/docs', '/__inbox/<name>']) {
      expect(server.stdout()).toContain(`${server.url}${path}`);
    }
    await server.stop();
  });

  it('--fixture naming an unknown fixture lists the fixtures there are', async () => {
    const result = await runCli(
      ['serve', '--port', '0', '--db', ':memory:', '--fixture', 'nosuch'],
      {
        cwd: tmp.dir,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the fixtures are: crm-sync, crmscript, default, empty/);
    expect(result.stderr).not.toContain('fixture.schema');
  });

  it('--auth none answers without credentials', async () => {
    const open = await spawnServer(['--port', '0', '--db', ':memory:', '--auth', 'none'], {
      cwd: tmp.dir,
    });
    const listed = await fetch(`${open.url}/api/v1/Webhook`);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toHaveLength(DEFAULT_FIXTURE_WEBHOOKS);
    const saved = await fetch(`${open.url}${AGENT}/SaveWebhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        Name: 'anonymous',
        TargetUrl: 'https://example.com/h',
        State: 'Stopped',
      }),
    });
    expect(saved.status).toBe(200);
    // The anonymous caller acts as the fixture's first user.
    expect(await saved.json()).toMatchObject({ RegisteredAssociate: { UserName: 'tje0' } });
  });
});
