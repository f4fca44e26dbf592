import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { getHttpOperationsFromSpec } from '@stoplight/prism-http/dist/utils/operations.js';
import { afterAll, describe, expect, it } from 'vitest';
import { SPEC_PATH } from '../paths.js';
import { loadOperations, parsedPathOf } from './operations-source.js';

const dir = await mkdtemp(join(tmpdir(), 'operations-source-'));
afterAll(() => rm(dir, { recursive: true, force: true }));
/** What a JSON round trip keeps: the parsed file cannot hold `undefined` members. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('loadOperations', () => {
  it('reads the shipped parse of the default spec, equal to what prism-http makes of the YAML', async () => {
    const shipped = await loadOperations(SPEC_PATH);
    const parsed = await getHttpOperationsFromSpec(SPEC_PATH);
    expect(isDeepStrictEqual(plain(shipped), plain(parsed))).toBe(true);
    const text = await readFile(parsedPathOf(SPEC_PATH), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ source: 'webhook.openapi.yaml' });
  });

  it('parses the YAML when it no longer matches the recorded hash', async () => {
    const spec = join(dir, 'edited.openapi.yaml');
    const original = await readFile(SPEC_PATH, 'utf8');
    const edited = original.replace(
      'description: The id of the Webhook to get',
      'description: EDITED id of the Webhook to get',
    );
    expect(edited).not.toBe(original);
    await writeFile(spec, edited);
    await copyFile(parsedPathOf(SPEC_PATH), parsedPathOf(spec));
    const text = JSON.stringify(await loadOperations(spec));
    expect(text).toContain('EDITED id of the Webhook to get');
  });

  it('parses a spec that has no parsed file beside it', async () => {
    const spec = join(dir, 'alone.openapi.yaml');
    await copyFile(SPEC_PATH, spec);
    const operations = await loadOperations(spec);
    expect(operations.map((o) => o.iid)).toContain('getWebhook');
  });
});
