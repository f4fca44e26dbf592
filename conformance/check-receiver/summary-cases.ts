// Expectations judged over every POST the other cases sent: the answer is exactly 200, it comes
// within the per-attempt timeout, and what a 410 Gone does. Judged once, so a receiver that
// answers 204 everywhere, or slowly everywhere, is told so once rather than by every case.
import { failed, passed, type ReceiverCase, type Sent } from './case.js';
import { accepted } from './send.js';

/** Which of the deliveries, by label: the first few and how many more. */
function which(sent: readonly Sent[]): string {
  const labels = sent.map((s) => s.label);
  const shown = labels.slice(0, 3).join(', ');
  return labels.length > 3 ? `${shown} and ${labels.length - 3} more` : shown;
}

const status200: ReceiverCase = {
  id: 'receiver.status-200',
  title: 'every delivery it accepts is answered 200, not another 2xx',
  source: 'reference §3d, spec C18',
  summary: true,
  run(ctx) {
    const other = ctx.sent.filter((s) => accepted(s.exchange) && s.exchange.status !== 200);
    if (ctx.sent.filter((s) => accepted(s.exchange)).length === 0) {
      return Promise.resolve({
        status: 'error',
        reason: 'no delivery was accepted, so no answer could be judged',
      });
    }
    if (other.length === 0) return Promise.resolve(passed());
    const statuses = [...new Set(other.map((s) => s.exchange.status))].join(', ');
    const test = other.some((s) => s.label === 'test event')
      ? ' (to the test event too: the real server would refuse to save the webhook)'
      : '';
    return Promise.resolve(
      failed(
        `answered ${statuses} to ${which(other)}${test}; the documentation says 200 and the real server counts any other answer as a failed delivery`,
        other[0]?.exchange.evidence,
      ),
    );
  },
};

const answerTime: ReceiverCase = {
  id: 'receiver.answer-time',
  title: 'every delivery is answered within the per-attempt timeout',
  source: 'reference §3d, spec C40',
  summary: true,
  run(ctx) {
    const answered = ctx.sent.filter((s) => s.exchange.status !== undefined);
    if (
      answered.length === 0 &&
      ctx.sent.length > 0 &&
      ctx.sent.every((s) => s.exchange.code !== 'TIMEOUT')
    ) {
      return Promise.resolve({
        status: 'error',
        reason: 'no delivery got an answer, so no answer time could be judged',
      });
    }
    const slowest = Math.max(0, ...answered.map((s) => s.exchange.latencyMs));
    const late = ctx.sent.filter(
      (s) => s.exchange.code === 'TIMEOUT' || s.exchange.latencyMs > ctx.timeoutMs,
    );
    const limit = `${ctx.timeoutMs / 1000} s`;
    if (late.length === 0)
      return Promise.resolve(passed([`slowest answer ${slowest} ms of ${limit}`]));
    const times = late.map((s) =>
      s.exchange.code === 'TIMEOUT' ? 'no answer' : `${(s.exchange.latencyMs / 1000).toFixed(2)} s`,
    );
    return Promise.resolve(
      failed(
        `${which(late)} took longer than ${limit} (${times.slice(0, 3).join(', ')}); the sender gives up on an attempt after ${limit} and retries it, so do the work after answering`,
        late[0]?.exchange.evidence,
      ),
    );
  },
};

const gone410: ReceiverCase = {
  id: 'receiver.gone-410',
  title: 'what a 410 Gone answer does: the webhook is unsubscribed',
  source: 'reference §3d',
  summary: true,
  run(ctx) {
    const gone = ctx.sent.filter((s) => s.exchange.status === 410);
    if (gone.length === 0) return Promise.resolve(passed());
    return Promise.resolve({
      status: 'passed',
      severity: 'info',
      notes: [
        `unsubscribes the webhook: answered 410 Gone to ${which(gone)}; the real server disables the webhook at once (State TooManyErrors), mails its error addresses and sends nothing more until it is saved Active again`,
      ],
      evidence: gone[0]?.exchange.evidence,
    });
  },
};

export const SUMMARY_CASES: readonly ReceiverCase[] = [status200, answerTime, gone410];
