// A request body in any of the media types the vendor lists, read into the JSON model: JSON
// as it is, XML and form bodies bound through the operation's schema (C23, C24). Whatever the
// format, the same guards, binding and validation follow.
import { ApiError } from '../api-error.js';
import { guardParsed, readJsonBody, readTextBody } from '../body.js';
import { readForm } from './form-reader.js';
import { bodyFormatOf } from './media-types.js';
import { fromTextTree } from './text-tree.js';
import { readXml } from './xml-reader.js';

interface BodyLimits {
  maxBodyBytes: number;
  maxJsonDepth: number;
}

/** `curl -d '{…}'` without `-H`: curl labels the JSON a form, which would bind as nonsense. */
const jsonSentAsForm = () =>
  new ApiError(
    'UNSUPPORTED_MEDIA_TYPE',
    'The body is JSON but its Content-Type says application/x-www-form-urlencoded ' +
      '(curl -d sends that when no Content-Type is given); send it with Content-Type: application/json.',
  );

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
  if (format === 'form' && /^\s*[[{]/.test(text)) throw jsonSentAsForm();
  const tree =
    format === 'xml'
      ? readXml(text, limits.maxJsonDepth).node
      : readForm(text, limits.maxJsonDepth);
  return guardParsed(fromTextTree(tree, schema), limits.maxJsonDepth);
}
