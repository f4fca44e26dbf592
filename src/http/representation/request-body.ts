// A request body in any of the media types the vendor lists, read into the JSON model: JSON
// as it is, XML and form bodies bound through the operation's schema (C23, C24). Whatever the
// format, the same guards, binding and validation follow.
import { guardParsed, readJsonBody, readTextBody } from '../body.js';
import { readForm } from './form-reader.js';
import { bodyFormatOf } from './media-types.js';
import { fromTextTree } from './text-tree.js';
import { readXml } from './xml-reader.js';

interface BodyLimits {
  maxBodyBytes: number;
  maxJsonDepth: number;
}

/** The body as a JSON value, or undefined when there is none. */
export async function readModelBody(
  request: Request,
  mediaType: string | undefined,
  schema: unknown,
  limits: BodyLimits,
): Promise<unknown> {
  const format = mediaType === undefined ? 'json' : (bodyFormatOf(mediaType) ?? 'json');
  if (format === 'json') return readJsonBody(request, limits);
  const text = await readTextBody(request, limits);
  if (text.trim() === '') return undefined;
  const tree =
    format === 'xml'
      ? readXml(text, limits.maxJsonDepth).node
      : readForm(text, limits.maxJsonDepth);
  return guardParsed(fromTextTree(tree, schema), limits.maxJsonDepth);
}
