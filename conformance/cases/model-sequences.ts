// Model-based sequences (fast-check): random but seeded runs of PUT / PATCH (JSON Patch and
// merge patch) / DELETE / GET / list on one webhook, compared after every step with a model of
// the entity. The model applies patches with libraries independent of the mock (patch-model.ts),
// so the status a patch must get (200, 400, 409) and the entity after it are predicted, not
// hard-coded. Dates: Registered never changes, Updated never goes back, and
// If-Unmodified-Since with the Updated just read lets a PATCH through (spec C10). A failure
// names the shortest sequence that shows it and the seed to replay it with --seed.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { CaseContext, ConformanceCase, HttpResponse } from '../types.js';
import { describe as show, objectBody } from './body-checks.js';
import { REST } from './surfaces.js';
import { listedIds } from './webhook-reads.js';
import { modelJsonPatch, modelMergePatch, type JsonDocument as JsonObject } from './patch-model.js';

/** The members the model follows; the rest of the carrier is the server's. */
const FOLLOWED = ['Name', 'Events', 'State', 'ErrorsEmail', 'Headers', 'Properties'] as const;
/** Sequences per run and steps per sequence: about 500 requests against a local target. */
const RUNS = 20;
const MAX_STEPS = 10;

interface Model {
  exists: boolean;
  doc: JsonObject;
  registered: number;
  updated: number;
}

interface Real {
  ctx: CaseContext;
  id: number;
  targetUrl: string;
}

/** Thrown inside fast-check so that it shrinks; the message is the step's verdict. */
class Mismatch extends Error {}

const followed = (body: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(FOLLOWED.map((k) => [k, body[k] ?? null]));

function expectEntity(step: string, model: Model, res: HttpResponse): void {
  if (res.status !== 200) throw new Mismatch(`${step}: status ${res.status}, expected 200`);
  const body = res.body as Record<string, unknown>;
  // The model's values as JSON carries them: fast-check may build objects without a prototype,
  // which isDeepStrictEqual would tell apart from the parsed answer's.
  const want = followed(JSON.parse(JSON.stringify(model.doc)) as Record<string, unknown>);
  const got = followed(body);
  const wrong = FOLLOWED.filter((k) => !isDeepStrictEqual(got[k], want[k]));
  if (wrong.length > 0) {
    const detail = wrong.map((k) => `${k} is ${show(got[k])}, model ${show(want[k])}`);
    throw new Mismatch(`${step}: ${detail.join('; ')}`);
  }
  const registered = Date.parse(String(body.Registered));
  const updated = Date.parse(String(body.Updated));
  if (registered !== model.registered) {
    throw new Mismatch(`${step}: Registered changed to ${String(body.Registered)}`);
  }
  if (!(updated >= model.updated)) {
    throw new Mismatch(`${step}: Updated went back to ${String(body.Updated)}`);
  }
  model.updated = updated;
}

function expectStatus(step: string, res: HttpResponse, want: number): void {
  if (res.status !== want) throw new Mismatch(`${step}: status ${res.status}, expected ${want}`);
}

/** A carrier always has every member: a removed one reads null (docs/sources.md §2a, C8). */
const carrier = (doc: JsonObject): JsonObject => followed(doc) as JsonObject;

class JsonPatchStep implements fc.AsyncCommand<Model, Real> {
  constructor(readonly ops: unknown[]) {}
  check = (m: Readonly<Model>) => m.exists;
  async run(m: Model, r: Real) {
    const res = await r.ctx.request('PATCH', `${REST}/${r.id}`, { body: this.ops });
    const predicted = modelJsonPatch(m.doc, this.ops);
    if (!predicted.ok) return expectStatus(this.toString(), res, predicted.status);
    m.doc = carrier(predicted.doc);
    expectEntity(this.toString(), m, res);
  }
  toString = () => `PATCH ${JSON.stringify(this.ops)}`;
}

class MergePatchStep implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly patch: JsonObject,
    readonly contentType: string,
  ) {}
  check = (m: Readonly<Model>) => m.exists;
  async run(m: Model, r: Real) {
    const headers = { 'content-type': this.contentType };
    const res = await r.ctx.request('PATCH', `${REST}/${r.id}`, { body: this.patch, headers });
    const merged = modelMergePatch(m.doc, this.patch);
    if (!merged.ok) return expectStatus(this.toString(), res, merged.status);
    m.doc = carrier(merged.doc);
    expectEntity(this.toString(), m, res);
  }
  toString = () => `PATCH (${this.contentType}) ${JSON.stringify(this.patch)}`;
}

class PutStep implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fields: JsonObject) {}
  check = (m: Readonly<Model>) => m.exists;
  async run(m: Model, r: Real) {
    const body = { ...this.fields, TargetUrl: r.targetUrl, Type: 'webhook' };
    const res = await r.ctx.request('PUT', `${REST}/${r.id}`, { body });
    m.doc = { ErrorsEmail: null, Headers: null, Properties: null, ...this.fields };
    expectEntity(this.toString(), m, res);
  }
  toString = () => `PUT ${JSON.stringify(this.fields)}`;
}

class GetStep implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(m: Model, r: Real) {
    const res = await r.ctx.request('GET', `${REST}/${r.id}`);
    if (!m.exists) return expectStatus('GET after DELETE', res, 404);
    expectEntity('GET', m, res);
  }
  toString = () => 'GET';
}

class ListStep implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.exists;
  async run(m: Model, r: Real) {
    const { ids } = await listedIds(r.ctx, { nameFilter: String(m.doc.Name) });
    if (!ids.includes(r.id)) throw new Mismatch(`list by its Name did not list ${r.id}`);
  }
  toString = () => 'GET ?nameFilter=<its Name>';
}

class ConditionalStep implements fc.AsyncCommand<Model, Real> {
  constructor(readonly state: string) {}
  check = (m: Readonly<Model>) => m.exists;
  async run(m: Model, r: Real) {
    const read = await r.ctx.request('GET', `${REST}/${r.id}`);
    const since = new Date(Date.parse(String(objectBody(r.ctx, read).Updated))).toUTCString();
    const res = await r.ctx.request('PATCH', `${REST}/${r.id}`, {
      headers: { 'if-unmodified-since': since },
      body: [{ op: 'replace', path: '/State', value: this.state }],
    });
    m.doc = { ...m.doc, State: this.state };
    expectEntity(`${this.toString()} (If-Unmodified-Since: ${since})`, m, res);
  }
  toString = () => `PATCH State ${this.state} with If-Unmodified-Since = the Updated just read`;
}

class DeleteStep implements fc.AsyncCommand<Model, Real> {
  check = (m: Readonly<Model>) => m.exists;
  async run(m: Model, r: Real) {
    expectStatus('DELETE', await r.ctx.request('DELETE', `${REST}/${r.id}`), 204);
    m.exists = false;
  }
  toString = () => 'DELETE';
}

function commands(ctx: CaseContext) {
  const name = fc.constantFrom('a', 'b', 'B').map((s) => ctx.name(`model ${s}`));
  const state = fc.constantFrom('Active', 'Stopped');
  const event = fc.constantFrom('x', 'y').map((s) => ctx.eventName(s));
  const email = fc.constantFrom('a@example.com', 'b@example.com');
  const small = fc.constantFrom('1', 'two');
  const op = fc.oneof(
    name.map((v) => ({ op: 'replace', path: '/Name', value: v })),
    fc
      .tuple(fc.constantFrom('/State', 'state'), state)
      .map(([path, value]) => ({ op: 'replace', path, value })),
    state.map((v) => ({ op: 'test', path: '/State', value: v })),
    email.map((v) => ({ op: 'add', path: '/ErrorsEmail', value: v })),
    fc.constant({ op: 'remove', path: '/ErrorsEmail' }),
    event.map((v) => ({ op: 'add', path: '/Events/-', value: v })),
    small.map((v) => ({ op: 'add', path: '/Headers/X-Model', value: v })),
  );
  const member = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });
  const merge = fc.oneof(
    name.map((v): JsonObject => ({ Name: v })),
    member(email).map((v): JsonObject => ({ ErrorsEmail: v })),
    fc
      .record({ 'X-A': member(small), 'X-B': member(small) })
      .map((h): JsonObject => ({ Headers: h })),
    fc
      .record({ p: member(small), q: member(fc.integer({ min: 0, max: 9 })) })
      .map((p): JsonObject => ({ Properties: p })),
  );
  const put = fc.record({
    Name: name,
    Events: fc.array(event, { minLength: 1, maxLength: 2 }),
    State: state,
    Headers: fc.record({ 'X-A': small }),
  });
  return [
    fc.array(op, { minLength: 1, maxLength: 3 }).map((ops) => new JsonPatchStep(ops)),
    fc
      .tuple(merge, fc.constantFrom('application/json', 'application/merge-patch+json'))
      .map(([p, t]) => new MergePatchStep(p, t)),
    put.map((f) => new PutStep(f)),
    fc.constant(new GetStep()),
    fc.constant(new ListStep()),
    state.map((s) => new ConditionalStep(s)),
    fc.constant(new DeleteStep()),
  ];
}

/** One sequence: a fresh webhook, the model taken from its answer, then the steps. */
async function sequence(ctx: CaseContext, steps: Iterable<fc.AsyncCommand<Model, Real>>) {
  const hook = await ctx.createWebhook({ Name: 'model a', Headers: {}, Properties: {} });
  const body = hook.body;
  const setup = () => ({
    model: {
      exists: true,
      doc: followed(body) as JsonObject,
      registered: Date.parse(String(body.Registered)),
      updated: Date.parse(String(body.Updated)),
    },
    real: { ctx, id: hook.id, targetUrl: hook.targetUrl },
  });
  await fc.asyncModelRun(setup, steps);
}

export const modelSequenceCases: ConformanceCase[] = [
  {
    id: 'save.model-sequences',
    area: 'save',
    title: 'Random sequences of saves, patches, reads and deletes match a model of the webhook',
    source: 'RFC 6902 §4',
    given: `${RUNS} fresh webhooks, one per sequence (seeded: --seed)`,
    when: `up to ${MAX_STEPS} steps each: PUT, PATCH (JSON Patch, merge patch as application/json or merge-patch+json), GET, list, conditional PATCH, DELETE`,
    then: 'every answer as the model predicts; Registered kept, Updated never earlier',
    tags: ['doc', 'save', 'patch', 'model', 'receiver'],
    mutates: true,
    needsReceiver: true,
    async run(ctx) {
      ctx.requireReceiver();
      const property = fc.asyncProperty(
        fc.commands(commands(ctx), { maxCommands: MAX_STEPS }),
        (steps) => sequence(ctx, steps),
      );
      const details = await fc.check(property, { numRuns: RUNS, seed: ctx.seed });
      ctx.note(`seed ${ctx.seed}, ${details.numRuns} sequences`);
      if (!details.failed) return;
      const cause = details.errorInstance;
      if (!(cause instanceof Mismatch)) throw cause;
      const shortest = details.counterexample?.[0];
      ctx.fail(
        `${cause.message}; shortest sequence: ${String(shortest)}; replay with --seed ${ctx.seed}`,
      );
    },
  },
];
