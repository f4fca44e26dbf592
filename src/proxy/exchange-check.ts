// The verdict on one exchange: the request read by the contract, then the upstream's answer
// judged against what the contract documents for that request — status, media type, body
// schema (of a JSON or an XML body), required headers — and against what an invalid or
// anonymous request must get.
import { mediaTypeOf } from '../http/body.js';
import { acceptable } from './accept.js';
import type { Contract, Operation, Problem } from '../http/contract.js';
import { bodyFormatOf } from '../http/representation/media-types.js';
import { semanticProblems } from './semantic-check.js';
import { readXmlAnswer } from './xml-answer.js';
import { requestProblems, routesOf, type ProxiedRequest } from './request-check.js';
import {
  bodyRuleSource,
  RULES,
  type RuleId,
  type RuleSource,
  type StatusSources,
} from './rule-sources.js';

export interface UpstreamAnswer {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The body decoded from any Content-Encoding; undefined when it was too large to check. */
  body: Buffer | undefined;
}

export interface Finding extends RuleSource {
  rule: RuleId;
  message: string;
}

export interface ExchangeVerdict {
  operationId: string | null;
  /** What the contract refuses in the request (the client's side; not the upstream's fault). */
  requestProblems: string[];
  /** The rule the answer's status was judged by, when it is documented. */
  statusRule: RuleSource | undefined;
  /** Where the upstream's answer differs from the contract. */
  violations: Finding[];
  /** Parts of the answer the proxy could not check (a body over the limit). */
  unchecked: string[];
  /** The answer's body as the JSON model (read from JSON or XML), when it could be read. */
  model?: unknown;
}

const finding = (rule: RuleId, message: string, source: RuleSource = RULES[rule]): Finding => ({
  rule,
  message,
  ...source,
});

/** Compiled checks and known absences kept per operation, status and media type. */
const MAX_BODY_CHECKS = 512;

export class ExchangeChecker {
  readonly #contract: Contract;
  readonly #statuses: StatusSources;
  readonly #route: (method: string, path: string) => Operation | undefined;
  readonly #limits: { maxBodyBytes: number; maxJsonDepth: number };
  readonly #bodyChecks = new Map<string, ((body: unknown) => Problem[]) | null>();

  constructor(
    contract: Contract,
    statuses: StatusSources,
    limits: { maxBodyBytes: number; maxJsonDepth: number },
  ) {
    this.#contract = contract;
    this.#statuses = statuses;
    this.#route = routesOf(contract);
    this.#limits = limits;
  }

  /** The compiled body check, or null when the operation documents no such body. */
  #bodyCheck(id: string, status: number, mediaType: string) {
    const key = `${id} ${status} ${mediaType}`;
    if (!this.#bodyChecks.has(key)) {
      let check: ((body: unknown) => Problem[]) | null;
      try {
        check = this.#contract.responseBodyCheck(id, status, mediaType);
      } catch {
        check = null;
      }
      // The media type comes from the upstream: only the spec's few combinations are kept.
      if (check !== null || this.#bodyChecks.size < MAX_BODY_CHECKS)
        this.#bodyChecks.set(key, check);
      return check;
    }
    return this.#bodyChecks.get(key) ?? null;
  }

  /** The operation a request addresses, known before the upstream answers. */
  operationOf(request: ProxiedRequest): string | undefined {
    return this.#route(request.method, request.path)?.id;
  }

  async check(request: ProxiedRequest, answer: UpstreamAnswer): Promise<ExchangeVerdict> {
    const operation = this.#route(request.method, request.path);
    const verdict: ExchangeVerdict = {
      operationId: operation?.id ?? null,
      requestProblems: [],
      statusRule: undefined,
      violations: [],
      unchecked: [],
    };
    const ok = answer.status >= 200 && answer.status < 300;
    if (!operation) {
      if (ok) {
        const text = `${request.method} ${request.path} is no operation of the contract, answered ${answer.status}`;
        verdict.violations.push(finding('route.known', text));
      }
      return verdict;
    }
    verdict.requestProblems = await requestProblems(
      this.#contract,
      operation,
      request,
      this.#limits,
    );
    if (ok && verdict.requestProblems.length > 0) {
      const text = `${operation.id} accepted a request the contract refuses (${verdict.requestProblems.join('; ')}) with ${answer.status}`;
      verdict.violations.push(finding('response.refuses-invalid', text));
    }
    if (ok && request.headers.authorization === undefined) {
      const text = `${operation.id} answered ${answer.status} to a request without credentials`;
      verdict.violations.push(finding('response.credentials', text));
    }
    verdict.statusRule =
      this.#statuses.of(operation.id, answer.status) ??
      (operation.statuses.includes(answer.status) ? RULES['response.status'] : undefined);
    if (!verdict.statusRule) {
      const text = `${operation.id} answered ${answer.status}, which it does not document (${operation.statuses.join(', ')})`;
      verdict.violations.push(
        finding('response.status', text, {
          source: this.#statuses.rowOf(operation.id),
          origin: 'vendor',
        }),
      );
      return verdict;
    }
    this.#checkHeaders(operation, answer, verdict);
    this.#checkBody(operation, request, answer, verdict);
    return verdict;
  }

  #checkHeaders(operation: Operation, answer: UpstreamAnswer, verdict: ExchangeVerdict): void {
    const problems = this.#contract
      .validateResponse(operation.id, { status: answer.status, headers: answer.headers })
      .filter((p) => p.location.startsWith('header'));
    for (const problem of problems) {
      verdict.violations.push(
        finding('response.headers', `${operation.id} ${answer.status}: ${problem.message}`),
      );
    }
  }

  #checkBody(
    operation: Operation,
    request: ProxiedRequest,
    answer: UpstreamAnswer,
    verdict: ExchangeVerdict,
  ): void {
    const { status } = answer;
    const what = `${operation.id} ${status}`;
    const push = (rule: RuleId, message: string, source?: RuleSource): void => {
      verdict.violations.push(finding(rule, `${what}: ${message}`, source));
    };
    if (answer.body === undefined) {
      verdict.unchecked.push('a body over the size the proxy checks');
      return;
    }
    const documentsJson = this.#bodyCheck(operation.id, status, 'application/json') !== null;
    if (answer.body.length === 0 || request.method === 'HEAD') {
      if (documentsJson && request.method !== 'HEAD') push('response.body', 'answered no body');
      return;
    }
    const mediaType = mediaTypeOf(answer.headers['content-type']);
    if (mediaType === undefined)
      return push('response.media-type', 'a body without a Content-Type');
    const format = bodyFormatOf(mediaType);
    const check = this.#bodyCheck(operation.id, status, mediaType);
    if (check === null || (format !== 'json' && format !== 'xml')) {
      return push(
        'response.media-type',
        `a ${mediaType} body, which the contract does not document here`,
      );
    }
    const accept = request.headers.accept;
    // A 406 is the answer to an Accept nothing satisfies; its error body is in JSON by C12.
    const negotiated = accept !== undefined && accept.trim() !== '' && status !== 406;
    if (negotiated && !acceptable(accept, mediaType)) {
      push('response.acceptable', `a ${mediaType} body, which Accept: ${accept} does not allow`);
    }
    const text = answer.body.toString('utf8');
    let body: unknown;
    if (format === 'xml') {
      const xml = readXmlAnswer(
        this.#contract,
        operation.id,
        status,
        mediaType,
        text,
        this.#limits.maxJsonDepth,
      );
      for (const problem of xml.problems) push('response.body', problem);
      if (xml.body === undefined) return;
      body = xml.body;
    } else {
      try {
        body = JSON.parse(text);
      } catch {
        return push('response.body', `a ${mediaType} body that is not JSON`);
      }
    }
    verdict.model = body;
    const selects = this.#contract
      .queryParameters(operation.id)
      .some((name) => name.toLowerCase() === '$select');
    for (const problem of semanticProblems(operation.id, request, status, body, selects)) {
      push(problem.rule, problem.message);
    }
    for (const problem of check(body)) {
      push(
        'response.body',
        problem.message,
        bodyRuleSource(status, `${problem.location} ${problem.message}`),
      );
    }
  }
}
