// Whole XML answers held against the JSON answer of the same request (spec C23, C50): the
// vendor lists application/xml and text/xml for every answer (Swagger `produces`) and its
// ASP.NET Web API stack writes them in the data-contract form. Every element is compared, read by
// the suite's own XML reading (xml-model.ts), so a writer that drops, reorders, misnames or
// mis-escapes a member, or writes a dictionary as a carrier, is caught.
import type { CaseContext, ConformanceCase, HttpResponse, RequestOptions } from '../types.js';
import { isRecord } from '../expect.js';
import { AGENT, REST } from './surfaces.js';
import { CARRIERS, SERIALIZATION, SERVICES, documentDifferences } from './xml-model.js';

const area = 'binding';
const XML = { accept: 'application/xml' };

type Root = { name: string; ns: string; item?: string };

/** The same request in JSON, then in XML; the XML must say what the JSON says. */
async function sameInXml(
  ctx: CaseContext,
  method: string,
  path: string,
  root: Root,
  status: number,
  options: RequestOptions = {},
  /** TestWebhook: each call pings anew, and the receiver's `Date` header may differ by a second. */
  withoutDate = false,
): Promise<HttpResponse> {
  const json = await ctx.request(method, path, {
    ...options,
    headers: { ...options.headers, accept: 'application/json' },
  });
  ctx.expectStatus(json, status, `${method} ${path} in JSON`);
  const xml = await ctx.request(method, path, {
    ...options,
    headers: { ...options.headers, ...XML },
  });
  ctx.expectStatus(xml, status, `${method} ${path} in XML`);
  const type = xml.headers['content-type'] ?? '';
  ctx.check(/^application\/xml\b/.test(type), `Content-Type is ${type || 'missing'}`, xml);
  const dropDate = (text: string, line: RegExp) => (withoutDate ? text.replace(line, '') : text);
  const jsonBody =
    withoutDate && isRecord(json.body) && typeof json.body.Message === 'string'
      ? { ...json.body, Message: dropDate(json.body.Message, /^date: [^\r\n]*\r?\n/gim) }
      : json.body;
  const xmlText = dropDate(xml.raw, /date: [^<&\r\n]*(?:&#xD;)?\n/gi);
  const diff = documentDifferences(xmlText, jsonBody, root);
  ctx.check(
    diff.length === 0,
    `${method} ${path}: the XML differs from the JSON: ${diff.slice(0, 5).join('; ')}`,
    xml,
  );
  return xml;
}

/** A definition with every XML shape a webhook has: escapes, lists, dictionaries, nils. */
function richDefinition(ctx: CaseContext, suffix: string) {
  return {
    // &, <, > and CR need escaping; U+0001 cannot be carried by XML 1.0 at all (C50).
    Name: `${suffix} a&b <c> "q" 'r'\r\u0001`,
    Events: [ctx.eventName(`${suffix}-a`), ctx.eventName(`${suffix}-b`)],
    Headers: { 'X-Case': 'one', 'x-other': 'two' },
    Properties: {
      plain: 'text',
      nested: { deep: [1, 's', null, { flag: true }], empty: {} },
      list: [1, 2],
      none: null,
    },
    ErrorEmails: ['ops@example.com'],
    ErrorAssociates: [
      {
        Id: 7,
        Name: 'ops',
        Deleted: false,
        // A list of the item's own type (a recursive schema) and a typed dictionary value.
        ChildItems: [{ Id: 8, Name: 'on call', ChildItems: [{ Id: 11, Deleted: true }] }],
        FieldProperties: { Name: { FieldRight: null, FieldType: 'string', FieldLength: 20 } },
      },
      { Id: 9, Name: 'backup', Deleted: true },
    ],
    Description: null,
  };
}

export const xmlAnswerCases: ConformanceCase[] = [
  {
    id: 'binding.xml-whole-answer',
    area,
    title: 'Each REST answer in XML says, element by element, what its JSON answer says',
    source: 'spec C23, spec C50',
    given:
      'a webhook this run created with Headers, nested Properties, lists, nulls and a Name needing escapes',
    when: 'GET /Webhook/{id}, GET /Webhook?eventFilter=…, GET /Webhook/default, GET /Webhook/{id}/LastError and GET /Webhook/{unused id}, each in JSON and with Accept: application/xml',
    then: 'roots WebhookWithLinks, ArrayOfWebhook of Webhook, Webhook, string and Error in their data-contract namespaces; every member, list item and dictionary pair equal to the JSON, in its order',
    tags: ['choice', 'content-type'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook(richDefinition(ctx, 'xml-rest'));
      // A second webhook on the same event, so the list holds more than one item.
      await ctx.createWebhook({ Name: 'xml-rest second', Events: [hook.event] });
      const withLinks = { name: 'WebhookWithLinks', ns: CARRIERS };
      await sameInXml(ctx, 'GET', `${REST}/${hook.id}`, withLinks, 200);
      const list = { name: 'ArrayOfWebhook', ns: SERVICES, item: 'Webhook' };
      await sameInXml(ctx, 'GET', REST, list, 200, { query: { eventFilter: hook.event } });
      await sameInXml(ctx, 'GET', `${REST}/default`, { name: 'Webhook', ns: SERVICES }, 200);
      const text = { name: 'string', ns: SERIALIZATION };
      await sameInXml(ctx, 'GET', `${REST}/${hook.id}/LastError`, text, 200);
      const unused = await ctx.unusedId();
      await sameInXml(ctx, 'GET', `${REST}/${unused}`, { name: 'Error', ns: '' }, 404);
    },
  },
  {
    id: 'binding.xml-agent-whole-answer',
    area,
    title: 'Each Agent answer in XML says, element by element, what its JSON answer says',
    source: 'spec C23, spec C50',
    given: 'a webhook this run created with Headers, nested Properties, lists and nulls',
    when: 'POST Agents/Webhook/GetWebhook, GetAllWebhooks { EventFilter }, CreateDefaultWebhook and TestWebhook, each in JSON and with Accept: application/xml',
    then: 'roots Webhook, ArrayOfWebhook of Webhook, Webhook and WebhookResult in the SuperOffice.CRM.Services namespace; every member equal to the JSON, in its order',
    tags: ['choice', 'content-type'],
    mutates: true,
    async run(ctx) {
      const hook = await ctx.createWebhook(richDefinition(ctx, 'xml-agent'));
      const webhook = { name: 'Webhook', ns: SERVICES };
      await sameInXml(ctx, 'POST', `${AGENT}/GetWebhook`, webhook, 200, {
        query: { webhookId: hook.id },
      });
      const list = { name: 'ArrayOfWebhook', ns: SERVICES, item: 'Webhook' };
      await sameInXml(ctx, 'POST', `${AGENT}/GetAllWebhooks`, list, 200, {
        body: { EventFilter: hook.event },
      });
      await sameInXml(ctx, 'POST', `${AGENT}/CreateDefaultWebhook`, webhook, 200);
      const result = { name: 'WebhookResult', ns: SERVICES };
      await sameInXml(
        ctx,
        'POST',
        `${AGENT}/TestWebhook`,
        result,
        200,
        {
          body: {
            Webhook: {
              Name: hook.name,
              Events: [hook.event],
              TargetUrl: ctx.targetUrl('xml-test'),
            },
          },
        },
        true,
      );
    },
  },
];
