// Rebuilds every generated file from spec/. CI runs this and fails when the result differs
// from what is committed, so the spec and the types can never drift apart.
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
