import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fixtureNames } from './routes.js';
import { delivery, webApp } from '../../test/support/web-test-kit.js';

const ORIGIN = 'http://127.0.0.1:4321';
const get = (app: ReturnType<typeof webApp>['app'], path: string) =>
  app.request(`${ORIGIN}${path}`);

/** Every src/href of a page; none may leave this server (the UI works offline). */
const externalRefs = (html: string) =>
  [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map((m) => m[1] ?? '')
    .filter((ref) => /^(https?:)?\/\//.test(ref));

describe('dashboard page', () => {
  it('renders webhooks, deliveries, credentials and the forms, escaping stored text', async () => {
    const { app, store } = webApp();
    await store.addDelivery(
      delivery({
        State: 'failed',
        Attempts: [
          {
            At: '2024-05-01T08:09:11.000Z',
            Status: 500,
            Error: null,
            LatencyMs: 12,
            ResponseHeaders: {},
            ResponseBody: '<b>down</b>',
          },
        ],
      }),
    );
    const response = await get(app, '/');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('Orders &lt;main&gt;');
    expect(html).not.toContain('<main>Orders');
    expect(html).toContain('&lt;b&gt;down&lt;/b&gt;');
    expect(html).toMatch(/data-counter="TotalCalls">7</);
    expect(html).toContain('data-replay="1"');
    expect(html).toContain(`data-authorization="Basic ${btoa('tje0:Tje0')}"`);
    expect(html).toContain('SOTicket 7T:mock-ticket-tje0');
    expect(html).toContain('Bearer 8A:mock-token-tje0');
    expect(externalRefs(html)).toEqual([]);
  });

  it('shows empty states', async () => {
    const { app, store } = webApp();
    await store.remove(1);
    const html = await (await get(app, '/')).text();
    expect(html).toContain('No webhooks.');
    expect(html).toContain('No deliveries yet.');
  });
});

describe('API reference page', () => {
  it('loads Swagger UI from this server and pre-authorizes the first user', async () => {
    const html = await (await get(webApp().app, '/docs')).text();
    expect(html).toContain('src="/__ui/swagger/swagger-ui-bundle.js"');
    expect(html).toContain('href="/__ui/swagger/swagger-ui.css"');
    expect(html).toContain('data-spec="/docs/openapi.json"');
    expect(html).toContain('data-user="tje0"');
    expect(externalRefs(html)).toEqual([]);
  });

  it('does not pre-authorize when auth is off', async () => {
    const html = await (await get(webApp('none').app, '/docs')).text();
    expect(html).not.toContain('data-user=');
    expect(html).toContain('--auth none');
  });
});

describe('assets', () => {
  it.each([
    ['/__ui/swagger/swagger-ui-bundle.js', 'text/javascript; charset=utf-8', 'SwaggerUIBundle'],
    ['/__ui/swagger/swagger-ui.css', 'text/css; charset=utf-8', '.swagger-ui'],
    ['/__ui/app.css', 'text/css; charset=utf-8', '.topbar'],
    ['/__ui/dashboard.js', 'text/javascript; charset=utf-8', 'EventSource'],
    ['/__ui/docs.js', 'text/javascript; charset=utf-8', 'preauthorizeBasic'],
  ])('serves %s', async (path, type, marker) => {
    const response = await get(webApp().app, path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(await response.text()).toContain(marker);
  });

  it.each(['/__ui/swagger/package.json', '/__ui/swagger/..%2Fpackage.json', '/__ui/__proto__'])(
    'serves nothing else: %s',
    async (path) => {
      expect((await get(webApp().app, path)).status).toBe(404);
    },
  );
});

describe('published spec', () => {
  it('points servers at the origin it was fetched from, in YAML and JSON', async () => {
    const { app } = webApp();
    const yaml = await get(app, '/openapi.yaml');
    expect(yaml.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    const fromYaml = parse(await yaml.text()) as Record<string, unknown>;
    const fromJson = (await (await get(app, '/openapi.json')).json()) as Record<string, unknown>;
    const servers = [{ url: ORIGIN, description: 'this so-webhook-mock' }];
    expect(fromYaml.servers).toEqual(servers);
    expect(fromJson).toEqual(fromYaml);
    expect(Object.keys(fromJson.paths as object)).toContain('/api/v1/Agents/Webhook/SignalEvent');
  });

  it('describes SOTicket as a header key for Swagger UI, and only there', async () => {
    const { app } = webApp();
    type Spec = { components: { securitySchemes: Record<string, Record<string, unknown>> } };
    const raw = (await (await get(app, '/openapi.json')).json()) as Spec;
    const docs = (await (await get(app, '/docs/openapi.json')).json()) as Spec;
    expect(raw.components.securitySchemes.SOTicket).toMatchObject({
      type: 'http',
      scheme: 'soticket',
    });
    expect(docs.components.securitySchemes.SOTicket).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'Authorization',
    });
    expect(docs.components.securitySchemes.Basic).toEqual(raw.components.securitySchemes.Basic);
  });
});

describe('fixtureNames', () => {
  it('lists fixtures/*.json with the current one first', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fixtures-'));
    try {
      await writeFile(join(dir, 'b.json'), '{}');
      await writeFile(join(dir, 'a.json'), '{}');
      await writeFile(join(dir, 'notes.txt'), '');
      await writeFile(join(dir, 'fixture.schema.json'), '{}');
      expect(await fixtureNames(dir, 'b')).toEqual(['b', 'a']);
      expect(await fixtureNames(join(dir, 'missing'), 'x')).toEqual(['x']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
