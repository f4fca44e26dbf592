// The spec's operations as prism-http parses them. The default spec ships parsed beside its
// YAML (spec/webhook.operations.json, written by `npm run generate`), which is read while its
// recorded sha256 matches the YAML; any other spec, or an edited one, is parsed as before.
// Parsing loads prism-http's OAS2 and Postman readers and costs ~400 ms; the parsed form is
// a JSON.parse of a few ms.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IHttpOperation } from '@stoplight/types';
import { isRecord } from '../domain/is-record.js';

/** `spec/x.openapi.yaml` → `spec/x.operations.json`. */
export const parsedPathOf = (specPath: string): string =>
  specPath.replace(/(\.openapi)?\.(ya?ml|json)$/, '.operations.json');

async function readParsed(specPath: string): Promise<IHttpOperation[] | undefined> {
  const parsedPath = parsedPathOf(specPath);
  if (parsedPath === specPath) return undefined;
  const [source, parsed] = await Promise.all([
    readFile(specPath),
    readFile(parsedPath, 'utf8').catch(() => undefined),
  ]);
  if (parsed === undefined) return undefined;
  const document: unknown = JSON.parse(parsed);
  if (!isRecord(document) || !Array.isArray(document.operations)) return undefined;
  const sha256 = createHash('sha256').update(source).digest('hex');
  return document.sha256 === sha256 ? (document.operations as IHttpOperation[]) : undefined;
}

export async function loadOperations(specPath: string): Promise<IHttpOperation[]> {
  const parsed = await readParsed(specPath);
  if (parsed) return parsed;
  const { getHttpOperationsFromSpec } =
    await import('@stoplight/prism-http/dist/utils/operations.js');
  return getHttpOperationsFromSpec(specPath);
}
