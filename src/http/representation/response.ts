// Writes an answer in the representation the request negotiated (media-types.ts): JSON under
// application/json or text/json, the data-contract XML under application/xml or text/xml.
// Errors follow the same rule, so a client that asked for XML reads its errors in XML (C23).
import { negotiate } from './media-types.js';
import { toXml } from './xml-writer.js';
import { xmlRootOf } from './xml-roots.js';

export interface Negotiation {
  accept: string | undefined;
  contentType: string | undefined;
  operationId: string | undefined;
}

/** The model behind each answer, for the hook that validates answers against the spec. */
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
  const text = type.endsWith('xml')
    ? toXml(xmlRootOf(status < 400 ? request.operationId : undefined), body)
    : JSON.stringify(body);
  const response = new Response(text, { status, headers });
  models.set(response, body);
  return response;
}
