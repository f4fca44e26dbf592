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

/** A body-carrying answer; an Accept nothing satisfies (a 406 itself) gets JSON. */
export function representation(
  status: number,
  body: unknown,
  headers: Headers,
  request: Negotiation,
): Response {
  const type = negotiate(request.accept, request.contentType) ?? 'application/json';
  headers.set('content-type', `${type}; charset=utf-8`);
  if (!type.endsWith('xml')) {
    const json = body instanceof EncodedJson ? body.bytes : JSON.stringify(body);
    return new Response(json, { status, headers });
  }
  const model = body instanceof EncodedJson ? (body.value() as unknown) : body;
  const response = new Response(
    toXml(xmlRootOf(status < 400 ? request.operationId : undefined), model),
    { status, headers },
  );
  models.set(response, model);
  return response;
}
