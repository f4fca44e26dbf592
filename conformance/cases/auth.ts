// Authorization: Basic, SOTicket and Bearer (docs/sources.md §6, every seed page's request headers).
// Without credentials, or with wrong ones, the answer is 401 in the error shape with a
// WWW-Authenticate challenge (spec C3). These cases only apply when the run has credentials.
import {
  basicAuthorization,
  bearerAuthorization,
  hasCredentials,
  ticketAuthorization,
} from '../credentials.js';
import type { AuthChoice, CaseContext, ConformanceCase, Credentials } from '../types.js';
import { AGENT, REST } from './surfaces.js';

const area = 'auth';
const SOURCE = 'reference §6';

function requireCredentials(ctx: CaseContext): void {
  if (!hasCredentials(ctx.credentials)) {
    ctx.skip('no credentials given (--user, --ticket or --token): the target is taken to be open');
  }
}

async function expectUnauthorized(ctx: CaseContext, auth: AuthChoice, agent = false) {
  const res = agent
    ? await ctx.request('POST', `${AGENT}/GetAllWebhooks`, { auth, body: {} })
    : await ctx.request('GET', `${REST}/default`, { auth });
  ctx.expectStatus(res, 401);
  ctx.expectErrorShape(res);
  ctx.check(res.headers['www-authenticate'], '401 without a WWW-Authenticate challenge', res);
  ctx.expectSchema(agent ? 'getAllWebhooks' : 'getDefaultWebhook', res);
}

function refusedCase(
  id: string,
  title: string,
  authorization: (ctx: CaseContext) => AuthChoice,
  agent = false,
): ConformanceCase {
  return {
    id,
    area,
    title,
    source: id === 'auth.missing-401' ? 'spec C3' : SOURCE,
    given: 'a target that requires credentials',
    when: `${agent ? 'POST Agents/Webhook/GetAllWebhooks' : 'GET /Webhook/default'} — ${title}`,
    then: '401 in the error shape with a WWW-Authenticate header',
    tags: ['doc', 'auth'],
    mutates: false,
    async run(ctx) {
      requireCredentials(ctx);
      await expectUnauthorized(ctx, authorization(ctx), agent);
    },
  };
}

type Scheme = { key: keyof Credentials; name: string; build: (c: Credentials) => string };

const SCHEMES: Scheme[] = [
  { key: 'user', name: 'Basic', build: (c) => basicAuthorization(c.user ?? '', c.password ?? '') },
  { key: 'ticket', name: 'SOTicket', build: (c) => ticketAuthorization(c.ticket ?? '') },
  { key: 'token', name: 'Bearer', build: (c) => bearerAuthorization(c.token ?? '') },
];

function acceptedCase(scheme: Scheme): ConformanceCase {
  const flag = scheme.key === 'user' ? '--user/--password' : `--${scheme.key}`;
  return {
    id: `auth.${scheme.name.toLowerCase()}-accepted`,
    area,
    title: `${scheme.name} credentials are accepted`,
    source: SOURCE,
    given: `valid ${scheme.name} credentials (${flag})`,
    when: `GET /Webhook/default with Authorization: ${scheme.name} …`,
    then: '200',
    tags: ['doc', 'auth'],
    mutates: false,
    async run(ctx) {
      if (ctx.credentials[scheme.key] === undefined) ctx.skip(`no ${flag} given`);
      const auth = { authorization: scheme.build(ctx.credentials) };
      ctx.expectStatus(await ctx.request('GET', `${REST}/default`, { auth }), 200);
    },
  };
}

/** The pages spell the ticket scheme `SoTicket`, the client `SOTicket` (spec C3). */
function oddlyCasedAuthorization(c: Credentials): string | undefined {
  if (c.ticket) return ticketAuthorization(c.ticket, 'SoTicket');
  if (c.token) return bearerAuthorization(c.token, 'bearer');
  if (c.user !== undefined)
    return basicAuthorization(c.user, c.password ?? '').replace('Basic', 'basic');
  return undefined;
}

export const authCases: ConformanceCase[] = [
  refusedCase('auth.missing-401', 'no Authorization header', () => 'none'),
  refusedCase('auth.agent-missing-401', 'no Authorization header on the agent', () => 'none', true),
  refusedCase('auth.wrong-basic-401', 'a wrong Basic password', (ctx) => ({
    authorization: basicAuthorization(ctx.credentials.user ?? 'soconf', `wrong-${ctx.runId}`),
  })),
  refusedCase('auth.wrong-ticket-401', 'an unknown SOTicket', (ctx) => ({
    authorization: ticketAuthorization(`7T:soconf-wrong-${ctx.runId}`),
  })),
  refusedCase('auth.wrong-bearer-401', 'an unknown Bearer token', (ctx) => ({
    authorization: bearerAuthorization(`8A:soconf-wrong-${ctx.runId}`),
  })),
  refusedCase('auth.unknown-scheme-401', 'an undocumented scheme', () => ({
    authorization: 'Digest username="soconf"',
  })),
  // A scheme is more than a prefix: a valid token under another scheme name, or a valid
  // password under another user's name, names nobody.
  refusedCase(
    'auth.token-under-other-scheme-401',
    'a valid token under an undocumented scheme',
    (ctx) => ({
      authorization: `Token ${ctx.credentials.token ?? `8A:soconf-${ctx.runId}`}`,
    }),
  ),
  refusedCase('auth.scheme-without-credentials-401', 'a scheme name and nothing after it', () => ({
    authorization: 'Basic',
  })),
  refusedCase('auth.unknown-user-401', 'a valid password under an unknown user name', (ctx) => ({
    authorization: basicAuthorization(`soconf-nobody-${ctx.runId}`, ctx.credentials.password ?? ''),
  })),
  ...SCHEMES.map(acceptedCase),
  {
    id: 'auth.scheme-case-insensitive',
    area,
    title: 'Scheme names are case-insensitive',
    source: 'spec C3',
    given: 'valid credentials',
    when: 'GET /Webhook/default with the scheme spelled SoTicket / bearer / basic',
    then: '200',
    tags: ['doc', 'auth'],
    mutates: false,
    async run(ctx) {
      const authorization = oddlyCasedAuthorization(ctx.credentials);
      if (!authorization) return ctx.skip('no credentials given');
      ctx.expectStatus(
        await ctx.request('GET', `${REST}/default`, { auth: { authorization } }),
        200,
      );
    },
  },
  {
    id: 'auth.refused-save-changes-nothing',
    area,
    title: 'An unauthenticated save stores nothing',
    source: SOURCE,
    given: 'a target that requires credentials',
    when: 'POST /api/v1/Webhook without Authorization, then list its event with credentials',
    then: '401, and no webhook listens for the event',
    tags: ['doc', 'auth'],
    mutates: true,
    async run(ctx) {
      requireCredentials(ctx);
      const event = ctx.eventName();
      const res = await ctx.request('POST', REST, {
        auth: 'none',
        body: { Name: ctx.name(), Events: [event], TargetUrl: ctx.targetUrl() },
      });
      ctx.expectStatus(res, 401);
      const list = await ctx.request('GET', REST, { query: { eventFilter: event } });
      ctx.check(Array.isArray(list.body) && list.body.length === 0, 'the webhook was stored', list);
    },
  },
];
