// The practical limit of the stack: Hono on @hono/node-server answering JSON bodies held in
// memory (the bytes our server answered) with no auth, validation, store or contract check.
// Usage: node bare-hono.mjs <routes.json>  where routes.json is [{ method, path, status, body }];
// a route whose path has an `:id` segment answers `bodies[id]` instead (404 for an unknown id),
// so cycled ids get each record's own bytes.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const routes = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const app = new Hono();
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
for (const route of routes) {
  const bodies = route.bodies ? new Map(Object.entries(route.bodies)) : undefined;
  app.on(route.method, route.path, async (c) => {
    // Read the request body as any real handler must; the answer stays constant.
    if (route.method !== 'GET') await c.req.arrayBuffer();
    if (!bodies) return c.body(route.body, route.status, JSON_TYPE);
    const body = bodies.get(c.req.param('id'));
    return body === undefined ? c.body(null, 404) : c.body(body, route.status, JSON_TYPE);
  });
}
serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`bare-hono listening on http://127.0.0.1:${info.port}\n`);
});
