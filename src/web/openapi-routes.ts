// The contract as the running server publishes it: /openapi.yaml and /openapi.json are
// spec/webhook.openapi.yaml with `servers` set to this server's origin, so a client generated
// from them, or a "try it" call, reaches this mock. /docs/openapi.json is the same document
// adjusted for Swagger UI (see docsFlavour).
import { readFile } from 'node:fs/promises';
import type { Hono } from 'hono';
import type { parseDocument as ParseDocument } from 'yaml';
import type { Env } from '../http/env.js';
import { SPEC_PATH } from '../paths.js';
import { isRecord } from '../domain/is-record.js';

export const DOCS_SPEC_PATH = '/docs/openapi.json';

interface Spec {
  text: string;
  json: Record<string, unknown>;
  /** The YAML reader, loaded with the first spec request rather than at every start. */
  parseDocument: typeof ParseDocument;
}

let loaded: Promise<Spec> | undefined;

/** Read and parsed once; a failed read is retried on the next request rather than cached. */
function loadSpec(): Promise<Spec> {
  if (!loaded) {
    loaded = Promise.all([readFile(SPEC_PATH, 'utf8'), import('yaml')]).then(
      ([text, { parseDocument }]) => ({
        text,
        json: parseDocument(text).toJS() as Record<string, unknown>,
        parseDocument,
      }),
    );
    loaded.catch(() => (loaded = undefined));
  }
  return loaded;
}

const servers = (origin: string) => [{ url: origin, description: 'this so-webhook-mock' }];

/** The spec as YAML with the running origin as its only server; comments are kept. */
function yamlForOrigin({ text, parseDocument }: Spec, origin: string): string {
  const doc = parseDocument(text);
  doc.set('servers', doc.createNode(servers(origin)));
  return doc.toString({ lineWidth: 0 });
}

export function jsonForOrigin(
  spec: Record<string, unknown>,
  origin: string,
): Record<string, unknown> {
  return { ...spec, servers: servers(origin) };
}

/**
 * Swagger UI offers only the `basic` and `bearer` HTTP schemes; for `scheme: soticket` it shows
 * "unsupported scheme". The docs page therefore describes SOTicket as an API key carried in
 * the Authorization header, which sends the same request: `Authorization: SOTicket 7T:…`.
 */
export function docsFlavour(spec: Record<string, unknown>): Record<string, unknown> {
  const components = isRecord(spec.components) ? spec.components : {};
  const schemes = isRecord(components.securitySchemes) ? components.securitySchemes : {};
  if (!isRecord(schemes.SOTicket)) return spec;
  const soTicket = {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description:
      'Enter the whole header value, e.g. `SOTicket 7T:mock-ticket-tje0`. ' +
      '(Shown as an API key because Swagger UI has no input for custom HTTP schemes.)',
  };
  return {
    ...spec,
    components: { ...components, securitySchemes: { ...schemes, SOTicket: soTicket } },
  };
}

const originOf = (url: string) => new URL(url).origin;

/** Rendering the YAML takes a few hundred ms; a server is reached by few origins. */
const yamlByOrigin = new Map<string, string>();
const YAML_CACHE_SIZE = 16;

function cachedYaml(spec: Spec, origin: string): string {
  let yaml = yamlByOrigin.get(origin);
  if (yaml === undefined) {
    yaml = yamlForOrigin(spec, origin);
    if (yamlByOrigin.size >= YAML_CACHE_SIZE) yamlByOrigin.clear();
    yamlByOrigin.set(origin, yaml);
  }
  return yaml;
}

/** `publicOrigin` names the server; without it (tests) the request's own origin does. */
export function openapiRoutes(app: Hono<Env>, publicOrigin?: () => string): void {
  const originFor = (url: string) => publicOrigin?.() ?? originOf(url);
  app.get('/openapi.yaml', async (c) =>
    c.body(cachedYaml(await loadSpec(), originFor(c.req.url)), 200, {
      'content-type': 'application/yaml; charset=utf-8',
    }),
  );
  app.get('/openapi.json', async (c) =>
    c.json(jsonForOrigin((await loadSpec()).json, originFor(c.req.url))),
  );
  app.get(DOCS_SPEC_PATH, async (c) =>
    c.json(docsFlavour(jsonForOrigin((await loadSpec()).json, originFor(c.req.url)))),
  );
}
