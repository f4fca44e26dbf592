// Writes an answer in the representation the request negotiated (media-types.ts): JSON under
// application/json or text/json, the data-contract XML under application/xml or text/xml.
// Errors follow the same rule, so a client that asked for XML reads its errors in XML (C23).
import { EncodedJson } from '../../platform/encoded-json.js';
import { negotiate } from './media-types.js';
import { toXml } from './xml-writer.js';
import { xmlRootOf } from './xml-roots.js';

export interface Negotiation {
  accept: string | undefined;
  contentType: string | undefined;
  operationId: string | undefined;
}

/** The model behind each XML answer, for the hook that validates answers against the spec
 * (a JSON answer is checked as the bytes it carries). */
const models = new WeakMap<Response, unknown>();
export const modelOf = (response: Response): unknown => models.get(response);
/** What each answer was written from (a model, its EncodedJson, or the XML text), for the
 * request journal, which encodes a model only when someone reads the journal. */
const sent = new WeakMap<Response, unknown>();
export const sentBodyOf = (response: Response): unknown => sent.get(response);

/** The answer's headers with its Content-Type, as a plain record the node adapter writes
 * without building a Headers object. */
function withType(headers: Readonly<Record<string, string>>, type: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'content-type') out[name] = value;
  }
  out['content-type'] = `${type}; charset=utf-8`;
  return out;
}

/** A body-carrying answer; an Accept nothing satisfies (a 406 itself) gets JSON. */
export function representation(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>,
  request: Negotiation,
): Response {
  const type = negotiate(request.accept, request.contentType) ?? 'application/json';
  const init = { status, headers: withType(headers, type) };
  if (!type.endsWith('xml')) {
    const response = new Response(
      body instanceof EncodedJson ? body.bytes : JSON.stringify(body),
      init,
    );
    sent.set(response, body);
    return response;
  }
  const model = body instanceof EncodedJson ? (body.value() as unknown) : body;
  const xml = toXml(xmlRootOf(status < 400 ? request.operationId : undefined), model);
  const response = new Response(xml, init);
  models.set(response, model);
  sent.set(response, xml);
  return response;
}
