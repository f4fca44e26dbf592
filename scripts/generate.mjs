// Rebuilds every generated file from spec/. CI runs this and fails when the result differs
// from what is committed, so the spec, the types and the fixture schema can never drift apart.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
mkdirSync(`${root}src/generated`, { recursive: true });
execFileSync(
  process.execPath,
  [
    `${root}node_modules/openapi-typescript/bin/cli.js`,
    `${root}spec/webhook.openapi.yaml`,
    '--output',
    `${root}src/generated/webhook-api.ts`,
    '--root-types',
    '--root-types-no-schema-prefix',
  ],
  { stdio: 'inherit', cwd: root },
);
// The fixture schema takes the spec's Webhook and Associate schemas (src/fixture-loader/fixtures.ts validates
// every fixture with it on load).
execFileSync(process.execPath, [`${root}scripts/fixture-schema.mjs`], {
  stdio: 'inherit',
  cwd: root,
});
// The spec as prism-http parses it, read at start-up instead of the YAML (spec/README.md).
execFileSync(process.execPath, [`${root}scripts/spec-operations.mjs`], {
  stdio: 'inherit',
  cwd: root,
});
// The signature test vectors shipped as so-webhook-mock/vectors (computed with node:crypto).
execFileSync(process.execPath, [`${root}scripts/vectors.mjs`], { stdio: 'inherit', cwd: root });
