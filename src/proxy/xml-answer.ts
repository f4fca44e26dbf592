// An XML answer read for judging: well-formed, rooted in the element the vendor's Swagger names
// for the operation (spec/README.md C23; `Error` for an error body), and bound to the JSON model
// through the response schema by the same reading the mock applies to XML requests — so the
// schema and the rules that judge a JSON answer judge it too.
import type { Contract } from '../http/contract.js';
import { fromTextTree } from '../http/representation/text-tree.js';
import { readXml } from '../http/representation/xml-reader.js';
import { ERROR_ROOT, xmlRootOf } from '../http/representation/xml-roots.js';

export interface XmlReading {
  /** The answer as the JSON model, when it could be read. */
  body?: unknown;
  problems: string[];
}

export function readXmlAnswer(
  contract: Contract,
  operationId: string,
  status: number,
  mediaType: string,
  text: string,
  maxDepth: number,
): XmlReading {
  let read: ReturnType<typeof readXml>;
  try {
    read = readXml(text, maxDepth);
  } catch (error) {
    return { problems: [`an XML body that cannot be read: ${(error as Error).message}`] };
  }
  const root = status >= 400 ? ERROR_ROOT : xmlRootOf(operationId);
  if (read.root !== root.name) {
    return { problems: [`the XML root element is <${read.root}>, expected <${root.name}>`] };
  }
  const schema = contract.responseSchema(operationId, status, mediaType);
  return { body: fromTextTree(read.node, schema), problems: [] };
}
