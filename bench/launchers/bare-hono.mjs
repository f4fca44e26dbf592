// The practical limit of the stack: Hono on @hono/node-server answering constant JSON bodies
// (the bytes our server answered) with no auth, validation, store or contract check.
// Usage: node bare-hono.mjs <routes.json>  where routes.json is [{ method, path, status, body }].
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const routes = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const app = new Hono();
for (const route of routes) {
  app.on(route.method, route.path, async (c) => {
    // Read the request body as any real handler must; the answer stays constant.
    if (route.method !== 'GET') await c.req.arrayBuffer();
    return c.body(route.body, route.status, { 'content-type': 'application/json; charset=utf-8' });
  });
}
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`bare-hono listening on http://127.0.0.1:${info.port}\n`);
});
