// Builds spec/webhook.operations.json: the spec as prism-http parses it (dereferenced and
// bundled operations), with the sha256 of the YAML it came from. Parsing the YAML costs
// ~400 ms of CPU and loads the OAS2 and Postman readers too; reading this file costs a few ms,
// so every start and every test file is that much faster. src/http/operations-source.ts uses
// it only while the hash still matches the YAML. Run by `npm run generate`.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const { getHttpOperationsFromSpec } = require('@stoplight/prism-http/dist/utils/operations.js');
const SPEC = `${root}spec/webhook.openapi.yaml`;
const OUT = `${root}spec/webhook.operations.json`;

const sha256 = createHash('sha256').update(readFileSync(SPEC)).digest('hex');
const operations = await getHttpOperationsFromSpec(SPEC);
const prismHttp = require('@stoplight/prism-http/package.json').version;
const document = {
  generatedBy: 'npm run generate (scripts/spec-operations.mjs); do not edit',
  source: 'webhook.openapi.yaml',
  sha256,
  parser: `@stoplight/prism-http ${prismHttp} getHttpOperationsFromSpec`,
  operations,
};
writeFileSync(OUT, `${JSON.stringify(document)}\n`);
