// Custom delivery `Headers` the mock must not send are refused at save (spec C26): names that are
// no RFC 9110 token, the framing and connection headers (sending two framings is request
// smuggling), the names the mock sets itself (a custom one would forge them), and values with a
// line break or NUL. Any other token name is an ordinary custom header and is kept.
import type { CaseContext, ConformanceCase, HttpResponse } from '../types.js';
import { expectFields } from './body-checks.js';
import { REST } from './surfaces.js';
import { expectNothingCreated, getWebhook } from './webhook-reads.js';

const area = 'bad-input';

/** C26's framing and connection headers, in the case the pages would write them. */
const FRAMING = [
  'Host',
  'Content-Length',
  'Transfer-Encoding',
  'Connection',
  'Keep-Alive',
  'Upgrade',
  'TE',
  'Trailer',
  'Proxy-Connection',
  'Expect',
];
/** Names the mock sets itself: the `X-SuperOffice-*` and `webhook-*` families and X-Hook-Test. */
const OWN = ['X-SuperOffice-Signature', 'x-superoffice-custom', 'X-Hook-Test', 'Webhook-Id'];

const messageOf = (res: HttpResponse): string => {
  const body = res.body as Record<string, unknown>;
  return String(body.ErrorMessage ?? body.Message ?? '');
};

/** POSTs a webhook with these Headers: 400 in the error shape naming `named`, nothing stored. */
async function expectRefused(
  ctx: CaseContext,
  headers: Record<string, string>,
  named: string,
  plugin: Record<string, string> = { TargetUrl: ctx.targetUrl() },
): Promise<void> {
  const event = ctx.eventName();
  const res = await ctx.request('POST', REST, {
    body: { Name: ctx.name(), Events: [event], ...plugin, Headers: headers },
  });
  ctx.expectStatus(res, 400, `POST with Headers ${JSON.stringify(headers)}`);
  ctx.expectErrorShape(res);
  const message = messageOf(res);
  ctx.check(
    message.toLowerCase().includes(named.toLowerCase()),
    `the 400 for Headers ${JSON.stringify(headers)} does not name ${named}: "${message}"`,
    res,
  );
  await expectNothingCreated(ctx, event);
}

/**
 * A plugin Type the mock does not know is delivered by HTTP POST but not pinged on save (C21):
 * the header rules alone must refuse, where for a `webhook` the save-time ping's own HTTP client
 * may refuse such a header too.
 */
const UNPINGED = { Type: 'Soconf-Plugin', TargetUrl: 'https://soconf.invalid/hook' };

export const customHeaderCases: ConformanceCase[] = [
  {
    id: 'bad-input.reserved-header-400',
    area,
    title: 'A custom header the transport or the mock owns is 400',
    source: 'spec C26',
    given: 'new webhooks on run-unique events',
    when: `POST /api/v1/Webhook with Headers naming each of ${[...FRAMING, ...OWN].join(', ')}`,
    then: '400 in the error shape naming the header, and no webhook listens for the event',
    tags: ['choice', 'errors', 'save'],
    mutates: true,
    async run(ctx) {
      for (const name of [...FRAMING, ...OWN]) await expectRefused(ctx, { [name]: 'x' }, name);
    },
  },
  {
    id: 'bad-input.header-name-value-400',
    area,
    title: 'A custom header name that is no token, or a value with CR, LF or NUL, is 400',
    source: 'spec C26',
    given: 'new webhooks on run-unique events',
    when: 'POST /api/v1/Webhook with Headers {"X Soconf": …}, then values holding CR LF, LF, NUL',
    then: '400 in the error shape naming the header, and no webhook listens for the event',
    tags: ['choice', 'errors', 'save'],
    mutates: true,
    async run(ctx) {
      await expectRefused(ctx, { 'X Soconf': 'x' }, 'X Soconf');
      await expectRefused(ctx, { 'X-Soconf-Ok': 'x', 'X-Soconf:Colon': 'x' }, 'X-Soconf:Colon');
      for (const value of ['a\r\nb', 'a\nb', 'a\u0000b']) {
        await expectRefused(ctx, { 'X-Soconf-Value': value }, 'X-Soconf-Value');
      }
    },
  },
  {
    id: 'bad-input.header-rules-unpinged-400',
    area,
    title: 'The custom header rules hold for a hook that is not pinged on save',
    source: 'spec C26',
    given: 'new webhooks of Type "Soconf-Plugin" (not pinged on save, C21) on run-unique events',
    when: 'POST /api/v1/Webhook with each reserved name, a name that is no token, and values with CR LF, LF, NUL',
    then: '400 in the error shape naming the header each time, and no webhook listens for the event',
    tags: ['choice', 'errors', 'save'],
    mutates: true,
    async run(ctx) {
      for (const name of [...FRAMING, ...OWN]) {
        await expectRefused(ctx, { [name]: 'x' }, name, UNPINGED);
      }
      await expectRefused(ctx, { 'X Soconf': 'x' }, 'X Soconf', UNPINGED);
      await expectRefused(ctx, { 'X-Soconf:Colon': 'x' }, 'X-Soconf:Colon', UNPINGED);
      for (const value of ['a\r\nb', 'a\nb', 'a\u0000b']) {
        await expectRefused(ctx, { 'X-Soconf-Value': value }, 'X-Soconf-Value', UNPINGED);
      }
    },
  },
  {
    id: 'save.custom-header-token-kept',
    area: 'save',
    title: 'Any other token is an ordinary custom header and is kept',
    source: 'spec C26',
    given: 'a new webhook whose Headers use every token character and near-miss names',
    when: 'POST /api/v1/Webhook, then GET /api/v1/Webhook/{id}',
    then: '200, and GET answers the same Headers',
    tags: ['choice', 'save'],
    mutates: true,
    async run(ctx) {
      const Headers = {
        "X-Soconf!#$%&'*+.^_`|~09az": 'tchar',
        'X-Hook-Tested': 'near a reserved name',
        'Content-Lengths': 'near a framing header',
        'X-Soconf-Webhook-Id': 'an own prefix, not at the start',
        'X-Soconf-Superoffice': 'value with spaces and "quotes"',
      };
      const hook = await ctx.createWebhook({ Headers });
      const { res } = await getWebhook(ctx, hook.id);
      expectFields(ctx, res, { Headers }, 'the saved custom Headers');
    },
  },
];
