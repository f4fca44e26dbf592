#!/usr/bin/env node
// The published entry point runs the compiled CLI; `npm ci` builds it through `prepare`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('so-webhook-mock: dist/ is missing; run `npm run build` (npm ci does it for you).');
  process.exit(2);
}
await import(cli);
