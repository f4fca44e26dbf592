// The import direction of ARCHITECTURE.md, enforced by `npm run lint`: an allow-list built from
// layers.cjs. A dependency no `allowed` rule covers is an error ("not-in-allowed"); `forbidden`
// adds what the allow-list cannot say (packages, the package importing itself).
const { layers } = require('./layers.cjs');

// Tests, and the mutation run's test (`*.mutation.ts`), set a case up with what they need.
const TEST = '([.](test|mutation)[.]tsx?$|^test/)';
const byName = new Map(layers.map((layer) => [layer.name, layer]));
const exactly = (file) => `^${file.replace(/[.]/g, '[.]')}$`;
const target = (entry) => byName.get(entry)?.path ?? exactly(entry);
const codeOf = (names) => layers.filter((layer) => names.includes(layer.name)).map((l) => l.path);
const withBans = (predicate) => layers.filter((layer) => predicate(layer.packages));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  allowed: [
    ...layers.map((layer) => ({
      comment: `${layer.name} may import: ${layer.may.join(', ') || 'nothing else'}`,
      from: { path: layer.path, pathNot: TEST },
      to: { path: [layer.path, ...layer.may.map(target)] },
    })),
    {
      comment: 'Tests may import what they need to set a case up.',
      from: { path: TEST },
      to: {},
    },
    {
      comment: 'Packages and node: modules, limited per part by the forbidden rules below.',
      from: {},
      to: { dependencyTypes: ['core', 'npm', 'npm-dev', 'npm-optional', 'npm-peer'] },
    },
  ],
  allowedSeverity: 'error',
  forbidden: [
    {
      name: 'no-packages',
      comment: 'This part is pure: no npm package and no node: module.',
      severity: 'error',
      from: { path: withBans((p) => p === 'none').map((l) => l.path), pathNot: TEST },
      to: {
        dependencyTypes: [
          'core',
          'npm',
          'npm-dev',
          'npm-optional',
          'npm-peer',
          'npm-no-pkg',
          'npm-unknown',
        ],
      },
    },
    ...['hono', 'lowdb'].map((pkg) => ({
      name: `no-${pkg}`,
      comment: `${pkg} belongs to other layers (layers.cjs, packages).`,
      severity: 'error',
      from: {
        path: withBans((p) => Array.isArray(p) && p.includes(pkg)).map((l) => l.path),
        pathNot: TEST,
      },
      // Hono's adapters (@hono/*) are Hono too; lowdb is lowdb alone.
      to: { path: pkg === 'hono' ? '^node_modules/(hono|@hono/[^/]+)/' : `^node_modules/${pkg}/` },
    })),
    {
      name: 'no-dev-dependency-in-product',
      comment: 'The published code runs without devDependencies.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-self-import',
      comment:
        'Importing the package by name from inside it bypasses the layers (and, once built, loads a second copy).',
      severity: 'error',
      from: { pathNot: '^test/package/' },
      to: { dependencyTypes: ['aliased-tsconfig-paths'] },
    },
    {
      name: 'no-built-output',
      comment: 'Source imports source, never dist/.',
      severity: 'error',
      from: {},
      to: { path: '^dist/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-test-code-in-product',
      comment: 'Product code never imports a test or test support.',
      severity: 'error',
      from: {
        path: codeOf(
          layers
            .map((l) => l.name)
            .filter((n) => n !== 'conformance/test-support' && n !== 'scripts'),
        ),
        pathNot: TEST,
      },
      to: { path: [TEST, '^conformance/test-support/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
