// `--fuzz <n>`: n requests generated from the OpenAPI document (generate.ts), every operation
// in turn, valid and flawed. Each answer must be no 5xx, a status the spec documents for the
// operation, valid against the spec's schema for it, in the error shape when it is a 4xx, and
// a refused write must leave this run's webhooks as they were. Seeded (--seed) for replay.
import { loadContract } from '../../src/http/contract.js';
import { errorShapeProblems } from '../expect.js';
import type { CaseContext, ConformanceCase, HttpResponse } from '../types.js';
import { arrayBody } from '../cases/body-checks.js';
import { REST } from '../cases/surfaces.js';
import { generateRequest, seededRandom, type FuzzRequest } from './generate.js';

/** Problems listed in the reason; the count says how many more there were. */
const SHOWN = 5;

/** This run's webhooks, by id, as the list answers them. */
async function runWebhooks(ctx: CaseContext): Promise<string> {
  const res = await ctx.request('GET', REST);
  ctx.expectStatus(res, 200, 'GET /Webhook (snapshot)');
  const prefix = ctx.name('');
  const mine = arrayBody(ctx, res)
    .filter((w) => String(w.Name).startsWith(prefix.trimEnd()))
    .sort((a, b) => Number(a.WebhookId) - Number(b.WebhookId));
  return JSON.stringify(mine);
}

function problemsOf(
  req: FuzzRequest,
  res: HttpResponse,
  contract: Awaited<ReturnType<typeof loadContract>>,
) {
  const problems: string[] = [];
  const op = req.operation;
  if (res.status >= 500 && !op.statuses.includes(res.status))
    problems.push(`answered ${res.status}`);
  else if (!op.statuses.includes(res.status)) {
    problems.push(
      `status ${res.status} is not documented for ${op.id} (${op.statuses.join(', ')})`,
    );
  }
  const schema = contract.validateResponse(op.id, {
    status: res.status,
    headers: res.headers,
    body: res.body,
  });
  if (schema.length > 0 && op.statuses.includes(res.status)) {
    problems.push(
      `does not match the spec: ${schema.map((p) => `${p.location} ${p.message}`).join('; ')}`,
    );
  }
  if (res.status >= 400 && res.status < 500) {
    const shape = errorShapeProblems(res.body);
    if (shape.length > 0) problems.push(`not the error shape: ${shape.join('; ')}`);
  }
  return problems;
}

export function fuzzCase(count: number): ConformanceCase {
  return {
    id: 'bad-input.fuzz',
    area: 'bad-input',
    title: `${count} requests generated from the OpenAPI document, valid and flawed`,
    source: 'spec C2',
    given: "a webhook this run created (the ids and names the requests use are the run's own)",
    when: `${count} generated requests over every operation (seeded: --seed)`,
    then: 'no 5xx, only documented statuses, answers valid against the spec, 4xx in the error shape, refused writes change nothing',
    tags: ['choice', 'fuzz', 'errors', 'receiver'],
    mutates: true,
    needsReceiver: true,
    async run(ctx) {
      const contract = await loadContract();
      const random = seededRandom(ctx.seed);
      const hook = await ctx.createWebhook();
      const values = {
        webhookId: hook.id,
        name: ctx.name('fuzz'),
        event: hook.event,
        targetUrl: ctx.targetUrl('fuzz'),
      };
      const operations = contract.operations.filter((o) => o.path.startsWith('/api/'));
      const found: { line: string; res: HttpResponse }[] = [];
      for (let i = 0; i < count && !ctx.signal.aborted; i += 1) {
        const operation = operations[i % operations.length];
        if (operation === undefined) break;
        const req = generateRequest(contract, operation, values, random);
        const writes = req.method !== 'GET';
        const before = writes ? await runWebhooks(ctx) : '';
        const res = await ctx.request(req.method, req.path, {
          query: req.query,
          headers: req.headers,
          ...(req.rawBody !== undefined ? { rawBody: req.rawBody } : { body: req.body }),
        });
        const problems = problemsOf(req, res, contract);
        if (
          writes &&
          res.status >= 400 &&
          res.status < 500 &&
          (await runWebhooks(ctx)) !== before
        ) {
          problems.push("the refused request changed this run's webhooks");
        }
        const flaw = req.flaw ? ` (${req.flaw})` : '';
        for (const p of problems)
          found.push({ line: `#${i + 1} ${req.method} ${req.path}${flaw}: ${p}`, res });
      }
      ctx.note(`seed ${ctx.seed}, ${count} requests over ${operations.length} operations`);
      const first = found[0];
      if (first === undefined) return;
      const more = found.length > SHOWN ? ` … and ${found.length - SHOWN} more` : '';
      ctx.fail(
        `${found.length} problem(s), replay with --fuzz ${count} --seed ${ctx.seed}: ${found
          .slice(0, SHOWN)
          .map((f) => f.line)
          .join(' | ')}${more}`,
        first.res,
      );
    },
  };
}
