// Import direction (ARCHITECTURE.md): each folder of src/ names the folders it must not import.
// Tests beside the code may reach anything they need to set up.
const TOP = ['app', 'mock', 'server', 'cli', 'index'];
const APP_LEVEL = ['web', 'inbox', 'tenants', 'fixtures', 'library', 'demo', 'config', 'requests'];
const folders = (names) => names.flatMap((n) => [`../${n}/*`, `../../${n}/*`]);
const files = (names) => names.flatMap((n) => [`../${n}.js`, `../../${n}.js`]);

function layer(folder, message, { folders: banned = [], files: bannedFiles = TOP, packages = [] }) {
  return {
    files: [`src/${folder}/**/*.ts`, `src/${folder}/**/*.tsx`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...folders(banned), ...files(bannedFiles), ...packages],
              message: `${message} (ARCHITECTURE.md, "What each folder may import").`,
            },
          ],
        },
      ],
    },
  };
}

const BELOW_HTTP = ['http', 'routes', 'service', ...APP_LEVEL];

export const layers = [
  layer('domain', 'domain/ is pure: it imports only domain/ and generated/', {
    folders: [...BELOW_HTTP, 'store', 'delivery', 'platform'],
    files: [...TOP, 'paths'],
    packages: ['hono', 'hono/*', 'lowdb', 'lowdb/*', 'node:*'],
  }),
  layer('platform', 'platform/ holds leaf helpers that import no layer above the domain', {
    folders: [...BELOW_HTTP, 'store', 'delivery'],
  }),
  layer('store', 'store/ sits below the service, the HTTP layer and delivery', {
    folders: [...BELOW_HTTP, 'delivery'],
    packages: ['hono', 'hono/*'],
  }),
  layer('delivery', 'delivery/ sits below the service and the HTTP layer', {
    folders: BELOW_HTTP,
    packages: ['hono', 'hono/*'],
  }),
  layer('service', 'service/ sees store/ and delivery/ through their interfaces, never HTTP', {
    folders: ['http', 'routes', ...APP_LEVEL],
    packages: ['hono', 'hono/*', 'lowdb', 'lowdb/*', '**/lowdb-store.js', '**/dispatcher.js'],
  }),
  layer('http', 'http/ is the framework layer: it knows no route, use case, store or delivery', {
    folders: ['routes', 'service', 'store', 'delivery', ...APP_LEVEL],
  }),
  layer('routes', 'routes/ bind, call a use case in service/ and present', {
    folders: APP_LEVEL,
    packages: ['lowdb', 'lowdb/*', '**/lowdb-store.js', '**/dispatcher.js'],
  }),
  ...['web', 'inbox', 'tenants', 'fixtures', 'config', 'requests'].map((folder) =>
    layer(folder, `${folder}/ is composed by the app; it does not import the top level`, {
      folders: ['library', 'demo'],
    }),
  ),
];
