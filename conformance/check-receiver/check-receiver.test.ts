// The checker against receivers written the way people write them: the correct one passes every
// case, each wrong one fails exactly the cases named for its mistake. CHECK_RECEIVER_RUNS=20
// repeats every run (the figure the product promises); one run by default.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createAjv } from '../../src/platform/ajv.js';
import { listenLocal, type LocalListener } from '../../src/platform/local-listener.js';
import { startSampleReceiver, type SampleKind } from '../test-support/sample-receivers.js';
import { checkReceiver, type CheckReceiverOptions, type CheckReceiverReport } from './check.js';

const SECRET = 'Ch3ck-me s3cret';
const RUNS = Number(process.env.CHECK_RECEIVER_RUNS ?? 1);
const listeners: LocalListener[] = [];
afterAll(() => Promise.all(listeners.map((l) => l.close())));

const schema = JSON.parse(
  readFileSync(new URL('../report.schema.json', import.meta.url), 'utf8'),
) as object;
const validateReport = createAjv({ allErrors: true, strict: false }).compile(schema);

async function receiver(kind: SampleKind, delayMs?: number, secret = SECRET): Promise<string> {
  const listener = await startSampleReceiver(kind, { secret, ...(delayMs ? { delayMs } : {}) });
  listeners.push(listener);
  return `${listener.url}/hooks/superoffice`;
}

const bad = (report: CheckReceiverReport): string[] =>
  report.verdicts
    .filter((v) => v.status === 'failed' || v.status === 'error')
    .map((v) => v.id)
    .sort();

async function check(options: CheckReceiverOptions): Promise<CheckReceiverReport> {
  const report = await checkReceiver({ timeoutMs: 5000, ...options });
  expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
  return report;
}

const RAW = ['non-ascii', 'escaped-slash', 'number-format', 'key-order', 'whitespace'].map(
  (v) => `receiver.raw-bytes.${v}`,
);
const FORGED = ['tampered', 'wrong', 'missing', 'old-secret'].map((v) => `receiver.signature.${v}`);

const EXPECTED: Record<Exclude<SampleKind, 'slow'>, string[]> = {
  // Mistakes the cases were not written around: each is still caught, and only where it bites.
  'dedupes-event-id': ['receiver.retry'],
  'strict-schema': ['receiver.delivery.future-fields', 'receiver.delivery.properties'],
  'requires-entity': ['receiver.delivery.webhook1.errors'],
  correct: [],
  're-serialises': RAW,
  'rejects-test-event': ['receiver.test-event'],
  'ignores-signatures': FORGED,
  'answers-204': ['receiver.status-200'],
  'header-casing': ['receiver.headers.lower-case', 'receiver.headers.sample-casing'],
};

describe('check-receiver against sample receivers (--strict, with the secret)', () => {
  it.each(Object.entries(EXPECTED))('%s fails exactly its cases', async (kind, expected) => {
    const url = await receiver(kind as SampleKind);
    for (let run = 0; run < RUNS; run += 1) {
      const report = await check({ url, secret: SECRET, strict: true });
      expect(bad(report)).toEqual([...expected].sort());
      expect(report.summary.skipped).toBe(0);
    }
  });

  it(
    'slow (answers after the timeout) fails only receiver.answer-time',
    async () => {
      const url = await receiver('slow', 450);
      for (let run = 0; run < RUNS; run += 1) {
        const report = await check({
          url,
          secret: SECRET,
          strict: true,
          timeoutMs: 300,
          graceMs: 1500,
        });
        expect(bad(report)).toEqual(['receiver.answer-time']);
        const late = report.verdicts.find((v) => v.id === 'receiver.answer-time');
        expect(late?.reason).toMatch(/took longer than 0.3 s/);
      }
    },
    60_000 * RUNS,
  );

  it('covers every delivery shape, each case citing a public page or spec/README.md', async () => {
    const report = await check({ url: await receiver('correct'), secret: SECRET });
    const ids = report.verdicts.map((v) => v.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'receiver.test-event',
        'receiver.delivery.contact.created',
        'receiver.delivery.person.changed',
        'receiver.delivery.sale.deleted',
        'receiver.delivery.webhook1.errors',
        'receiver.delivery.properties',
        'receiver.headers.extra',
        'receiver.retry',
        'receiver.gone-410',
        ...RAW,
        ...FORGED,
      ]),
    );
    for (const v of report.verdicts) {
      expect(v.source).toMatch(
        /^(https:\/\/(docs\.superoffice\.com|www\.rfc-editor\.org)\/|spec\/README\.md C\d+)/,
      );
      expect(v.source.split(', ').every((s) => /^(https:\/\/|spec\/README\.md C)/.test(s))).toBe(
        true,
      );
    }
  });
});

describe('check-receiver verdict levels', () => {
  it('a receiver that ignores signatures is warned about without --strict', async () => {
    const report = await check({ url: await receiver('ignores-signatures'), secret: SECRET });
    expect(bad(report)).toEqual([]);
    const warned = report.verdicts.filter((v) => v.severity === 'warning').map((v) => v.id);
    expect(warned.sort()).toEqual([...FORGED].sort());
    expect(report.verdicts.find((v) => v.id === 'receiver.signature.missing')?.notes?.[0]).toMatch(
      /does not verify signatures/,
    );
  });

  it('without a secret the signature and raw-bytes cases are skipped, not passed', async () => {
    const report = await check({ url: await receiver('correct', undefined, '') });
    const skipped = report.verdicts.filter((v) => v.status === 'skipped').map((v) => v.id);
    expect(skipped.sort()).toEqual([...RAW, ...FORGED].sort());
    expect(bad(report)).toEqual([]);
  });

  it('a receiver answering 410 is told it unsubscribes the webhook', async () => {
    const gone = await listenLocal((_request, response) => response.writeHead(410).end());
    listeners.push(gone);
    const report = await check({ url: gone.url, events: ['contact.created'] });
    const verdict = report.verdicts.find((v) => v.id === 'receiver.gone-410');
    expect(verdict).toMatchObject({ status: 'passed', severity: 'info' });
    expect(verdict?.notes?.[0]).toMatch(/unsubscribes the webhook.*disables the webhook at once/);
    expect(bad(report)).toContain('receiver.test-event');
  });

  it('--events chooses the deliveries sent', async () => {
    const report = await check({
      url: await receiver('correct'),
      secret: SECRET,
      events: ['y_table.created', 'list.category.changed'],
    });
    const ids = report.verdicts
      .map((v) => v.id)
      .filter((id) => id.startsWith('receiver.delivery.'));
    expect(ids).toEqual([
      'receiver.delivery.y-table.created',
      'receiver.delivery.list.category.changed',
      'receiver.delivery.properties',
      'receiver.delivery.future-fields',
    ]);
  });

  it('refuses options that make no sense', async () => {
    await expect(checkReceiver({ url: 'ftp://x' })).rejects.toThrow(/http: or https:/);
    await expect(
      checkReceiver({ url: 'http://127.0.0.1:1', events: ['contact created'] }),
    ).rejects.toThrow(/not an event name/);
  });

  it('keeps a password in the URL out of the report', async () => {
    const url = new URL(await receiver('rejects-test-event'));
    url.username = 'hook';
    url.password = 'p4ss';
    const report = await check({ url: url.toString(), secret: SECRET });
    const evidence = report.verdicts.find((v) => v.id === 'receiver.test-event')?.evidence;
    expect(evidence?.request.url).toMatch(/^http:\/\/hook:REDACTED@127\.0\.0\.1:/);
    expect(JSON.stringify(report)).not.toContain('p4ss');
  });
});
