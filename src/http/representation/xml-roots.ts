// The root element of each operation's XML answer: the .NET type the vendor's Swagger names
// for the response (definitions `SuperOffice.CRM.Services.Webhook`,
// `SuperOffice.WebApi.v1.Carriers.WebhookCarriers.WebhookWithLinks`, …), in the data-contract
// namespace of its CLR namespace; lists are `ArrayOf<Type>`, a string is the serializer's
// `string` (spec/README.md C23).
import type { OperationId } from '../operation.js';

export interface XmlRoot {
  name: string;
  namespace: string;
  /** The element of each item, when the answer is a list. */
  item?: string;
}

const contract = (clr: string) => `http://schemas.datacontract.org/2004/07/${clr}`;
const SERVICES = contract('SuperOffice.CRM.Services');
const CARRIERS = contract('SuperOffice.WebApi.v1.Carriers.WebhookCarriers');

const WEBHOOK: XmlRoot = { name: 'Webhook', namespace: SERVICES };
const WITH_LINKS: XmlRoot = { name: 'WebhookWithLinks', namespace: CARRIERS };
const LIST: XmlRoot = { name: 'ArrayOfWebhook', namespace: SERVICES, item: 'Webhook' };
const RESULT: XmlRoot = { name: 'WebhookResult', namespace: SERVICES };
const STRING: XmlRoot = {
  name: 'string',
  namespace: 'http://schemas.microsoft.com/2003/10/Serialization/',
};

/** Every operation's root, so a new operation without one does not compile; null: 204, no body. */
const ROOTS: Record<OperationId, XmlRoot | null> = {
  getDefaultWebhook: WEBHOOK,
  createDefaultWebhook: WEBHOOK,
  saveWebhook: WEBHOOK,
  getWebhookAgent: WEBHOOK,
  getWebhook: WITH_LINKS,
  postWebhook: WITH_LINKS,
  putWebhook: WITH_LINKS,
  patchWebhook: WITH_LINKS,
  getWebhookList: LIST,
  getAllWebhooks: LIST,
  testWebhook: RESULT,
  testWebhookAgent: RESULT,
  getWebhookLastError: STRING,
  getLastError: STRING,
  deleteWebhook: null,
  deleteWebhookAgent: null,
  signalWebhookEvent: null,
  signalEvent: null,
};

/** The error body has no vendor type; `Error` like its JSON flag, in no namespace (C23). */
export const ERROR_ROOT: XmlRoot = { name: 'Error', namespace: '' };

const isOperationId = (id: string): id is OperationId => Object.hasOwn(ROOTS, id);

export const xmlRootOf = (operationId: string | undefined): XmlRoot =>
  (operationId !== undefined && isOperationId(operationId) ? ROOTS[operationId] : null) ??
  ERROR_ROOT;
