// The one facade over @stoplight/prism-http. Everything fp-ts stays in this file; callers see
// plain values. Prism caches each compiled schema on the schema object, so loading the spec
// once at start-up means every request reuses the same compiled validators.
// Deep imports on purpose: the package index also loads the mocker, json-schema-faker and every
// faker locale, which is most of the start-up time; the mocker loads on the first Prefer mock,
// and Prism's validators and router on their first use (they bring ~200 lodash modules).
import { createRequire } from 'node:module';
import type { IHttpRequest, IHttpResponse } from '@stoplight/prism-http';
import type * as ValidatorModule from '@stoplight/prism-http/dist/validator/index.js';
import type MockerModule from '@stoplight/prism-http/dist/mocker/index.js';
import type routeModule from '@stoplight/prism-http/dist/router/index.js';
import { stripReadOnlyProperties } from '@stoplight/prism-http/dist/utils/filterRequiredProperties.js';
import type { IHttpOperation, IHttpParam } from '@stoplight/types';
import { isLeft } from 'fp-ts/lib/Either.js';
import { isSome } from 'fp-ts/lib/Option.js';
import { mediaTypeOf } from './body.js';
import { resolveBundled } from './bundled-refs.js';
import { compileResponseBody, CompiledRequestValidator, type ParamSpec } from './fast-validator.js';
import { SPEC_PATH } from '../paths.js';
import { loadOperations } from './operations-source.js';

export interface Problem {
  /** Where the problem is, e.g. `body.State` or `query.webhookId`. */
  location: string;
  message: string;
}

export interface ContractRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface ContractResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface MockChoice {
  code?: number;
  exampleKey?: string;
  dynamic?: boolean;
}

export type MockOutcome = { ok: true; response: ContractResponse } | { ok: false; message: string };

export interface Operation {
  readonly id: string;
  readonly method: string;
  readonly path: string;
  readonly statuses: readonly number[];
}

export interface Contract {
  readonly operations: readonly Operation[];
  operation(id: string): Operation;
  /** The operation a method and path address, by the spec's own routing rules. */
  route(method: string, path: string): Operation | undefined;
  /** Media types the operation's request body may have; empty when it takes no body. */
  requestMediaTypes(operationId: string): readonly string[];
  /** Names of the operation's query parameters, as the spec spells them. */
  queryParameters(operationId: string): readonly string[];
  /** Names of the operation's header parameters, lower-cased. */
  headerParameters(operationId: string): readonly string[];
  /** The dereferenced JSON Schema of one query parameter (undefined when there is none). */
  queryParameterSchema(operationId: string, name: string): unknown;
  /**
   * The dereferenced JSON Schema of the request body for a media type, recursive references
   * resolved: a cyclic graph, to be walked only along a body.
   */
  requestSchema(operationId: string, mediaType: string): unknown;
  /** The schema of one response body, resolved alike; undefined when the spec lists none. */
  responseSchema(operationId: string, status: number, mediaType: string): unknown;
  /** Every problem of a request; validators are compiled once per operation. */
  validateRequest(operationId: string, request: ContractRequest): Problem[];
  /**
   * Compiles every operation's request validators now rather than on first use (a second per
   * spec, which start-up does not pay). The mutation host does, before any case runs.
   */
  compileRequestValidators(): void;
  /** The problems of a value as the operation's request body of `mediaType`. */
  validateRequestBody(operationId: string, mediaType: string, body: unknown): Problem[];
  /** The same check through prism-http's own validateInput (the reference the fast path matches). */
  validateRequestWithPrism(operationId: string, request: ContractRequest): Problem[];
  validateResponse(operationId: string, response: ContractResponse): Problem[];
  /** The compiled check of one response body (status and media type as the spec lists them). */
  responseBodyCheck(
    operationId: string,
    status: number,
    mediaType: string,
  ): (body: unknown) => Problem[];
  mock(operationId: string, request: ContractRequest, choice: MockChoice): Promise<MockOutcome>;
}

// Prism's compiled CommonJS keeps its default export under `default` of module.exports; Node
// and bundling loaders (vitest) wrap it a different number of times, so follow `default` down
// to the function.
function defaultExport<T>(imported: unknown): T {
  let value = imported;
  while (typeof value === 'object' && value !== null && 'default' in value) {
    value = (value as { default: unknown }).default;
  }
  return value as T;
}
// Prism's CommonJS modules, loaded synchronously on first use.
const requirePrism = createRequire(import.meta.url);
type PrismRoute = typeof routeModule.default;
let router: PrismRoute | undefined;
const prismRoute: PrismRoute = (...args) =>
  (router ??= defaultExport<PrismRoute>(
    requirePrism('@stoplight/prism-http/dist/router/index.js'),
  ))(...args);
let validators: typeof ValidatorModule | undefined;
const prismValidators = (): typeof ValidatorModule =>
  (validators ??= requirePrism(
    '@stoplight/prism-http/dist/validator/index.js',
  ) as typeof ValidatorModule);

type PrismMock = (typeof MockerModule)['default'];
let prismMock: PrismMock | undefined;
async function loadMocker(): Promise<PrismMock> {
  prismMock ??= defaultExport<PrismMock>(
    await import('@stoplight/prism-http/dist/mocker/index.js'),
  );
  return prismMock;
}

type Diagnostic = { path?: string[]; message: string };

const toProblems = (diagnostics: readonly Diagnostic[]): Problem[] =>
  diagnostics.map((d) => ({ location: (d.path ?? []).join('.'), message: d.message }));

const noop = (): void => undefined;
// Prism logs through pino; the mock has its own request log, so Prism's is discarded.
const silentLogger: Record<string, unknown> = {
  trace: noop,
  debug: noop,
  info: noop,
  success: noop,
  warn: noop,
  error: noop,
  fatal: noop,
};
silentLogger.child = () => silentLogger;

function toPrismRequest(request: ContractRequest): IHttpRequest {
  return {
    method: request.method.toLowerCase() as IHttpRequest['method'],
    url: { path: request.path, query: request.query ?? {} },
    headers: request.headers ?? {},
    body: request.body,
  };
}

function statusesOf(resource: IHttpOperation): number[] {
  return resource.responses
    .map((r) => Number(r.code))
    .filter((code) => Number.isInteger(code))
    .sort((a, b) => a - b);
}

// Prism matches request media types by subtype and ignores the `+json` suffix, so a merge
// patch would be checked against the JSON Patch schema. Hand it only the declared content;
// the schema objects stay the same, so Prism's compiled-validator cache still applies.
const narrowedCache = new WeakMap<IHttpOperation, Map<string, IHttpOperation>>();

function narrowed(resource: IHttpOperation, mediaType: string | undefined): IHttpOperation {
  const contents = resource.request?.body?.contents;
  if (!mediaType || !contents || contents.length < 2) return resource;
  let byType = narrowedCache.get(resource);
  if (!byType) narrowedCache.set(resource, (byType = new Map()));
  let result = byType.get(mediaType);
  if (!result) {
    const exact = contents.filter((c) => c.mediaType === mediaType);
    const body = { ...resource.request!.body!, contents: exact.length > 0 ? exact : contents };
    result = { ...resource, request: { ...resource.request, body } };
    byType.set(mediaType, result);
  }
  return result;
}

const paramSpecs = (params: readonly IHttpParam[] | undefined): ParamSpec[] =>
  (params ?? []).map((p) => ({
    name: p.name,
    required: p.required === true,
    schema: p.schema ?? {},
  }));

/** Where prism-http keeps the targets of an operation's recursive references. */
const bundleOf = (resource: IHttpOperation): unknown =>
  (resource as { __bundled__?: unknown }).__bundled__;

/** What the compiled validator needs, from the operation prism-http parsed and dereferenced. */
function compileRequestValidator(resource: IHttpOperation): CompiledRequestValidator {
  const bodies = new Map<string, unknown>();
  for (const content of resource.request?.body?.contents ?? []) {
    if (!content.schema) continue;
    // Prism validates requests against the schema without readOnly members; so does this.
    const stripped = stripReadOnlyProperties(content.schema);
    bodies.set(content.mediaType, isSome(stripped) ? stripped.value : content.schema);
  }
  return new CompiledRequestValidator({
    bodies,
    bodyRequired: resource.request?.body?.required === true,
    query: paramSpecs(resource.request?.query),
    path: paramSpecs(resource.request?.path),
    headers: paramSpecs(resource.request?.headers),
    template: resource.path,
    bundle: bundleOf(resource),
  });
}

// Resolved once per schema object, so that callers caching by schema identity (binding) keep
// hitting their caches.
const walkableCache = new WeakMap<object, unknown>();

/** A body schema with its recursive references resolved, for walking along a body. */
function walkable(resource: IHttpOperation, schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  let resolved = walkableCache.get(schema);
  if (resolved === undefined) {
    resolved = resolveBundled(schema, bundleOf(resource));
    walkableCache.set(schema, resolved);
  }
  return resolved;
}

export async function loadContract(specPath: string = SPEC_PATH): Promise<Contract> {
  const resources = await loadOperations(specPath);
  const byId = new Map<string, IHttpOperation>();
  const operations: Operation[] = [];
  const opByResource = new Map<IHttpOperation, Operation>();
  for (const resource of resources) {
    const id = resource.iid ?? `${resource.method} ${resource.path}`;
    const op: Operation = {
      id,
      method: resource.method.toUpperCase(),
      path: resource.path,
      statuses: statusesOf(resource),
    };
    byId.set(id, resource);
    operations.push(op);
    opByResource.set(resource, op);
  }

  const validators = new Map<string, CompiledRequestValidator>();
  const resourceOf = (id: string): IHttpOperation => {
    const resource = byId.get(id);
    if (!resource) throw new Error(`The spec has no operation "${id}"`);
    return resource;
  };

  const validatorOf = (operationId: string): CompiledRequestValidator => {
    let validator = validators.get(operationId);
    if (!validator) {
      validator = compileRequestValidator(resourceOf(operationId));
      validators.set(operationId, validator);
    }
    return validator;
  };

  return {
    operations,
    operation: (id) => opByResource.get(resourceOf(id)) as Operation,
    route(method, path) {
      const found = prismRoute({
        resources,
        input: { method: method.toLowerCase() as IHttpRequest['method'], url: { path } },
      });
      return isLeft(found) ? undefined : opByResource.get(found.right);
    },
    requestMediaTypes: (operationId) =>
      (resourceOf(operationId).request?.body?.contents ?? []).map((c) => c.mediaType),
    queryParameters: (operationId) =>
      (resourceOf(operationId).request?.query ?? []).map((p) => p.name),
    headerParameters: (operationId) =>
      (resourceOf(operationId).request?.headers ?? []).map((p) => p.name.toLowerCase()),
    queryParameterSchema: (operationId, name) =>
      (resourceOf(operationId).request?.query ?? []).find((p) => p.name === name)?.schema,
    requestSchema(operationId, mediaType) {
      const resource = resourceOf(operationId);
      const contents = resource.request?.body?.contents ?? [];
      return walkable(resource, contents.find((c) => c.mediaType === mediaType)?.schema);
    },
    responseSchema(operationId, status, mediaType) {
      const resource = resourceOf(operationId);
      const response = resource.responses.find((r) => r.code === String(status));
      return walkable(resource, response?.contents?.find((c) => c.mediaType === mediaType)?.schema);
    },
    validateRequest(operationId, request) {
      return validatorOf(operationId).validate({
        ...request,
        mediaType: mediaTypeOf(request.headers?.['content-type']),
      });
    },
    compileRequestValidators() {
      for (const op of operations) validatorOf(op.id).compileBodies();
    },
    validateRequestBody: (operationId, mediaType, body) =>
      validatorOf(operationId).validateBody(body, mediaType),
    validateRequestWithPrism(operationId, request) {
      const mediaType = mediaTypeOf(request.headers?.['content-type']);
      const result = prismValidators().validateInput({
        resource: narrowed(resourceOf(operationId), mediaType),
        element: toPrismRequest(request),
      });
      return isLeft(result) ? toProblems(result.left) : [];
    },
    validateResponse(operationId, response) {
      const element: IHttpResponse = {
        statusCode: response.status,
        headers: response.headers ?? {},
        body: response.body,
      };
      const result = prismValidators().validateOutput({
        resource: resourceOf(operationId),
        element,
      });
      return isLeft(result) ? toProblems(result.left) : [];
    },
    responseBodyCheck(operationId, status, mediaType) {
      const resource = resourceOf(operationId);
      const response = resource.responses.find((r) => r.code === String(status));
      const schema = response?.contents?.find((c) => c.mediaType === mediaType)?.schema;
      if (!schema) throw new Error(`${operationId} documents no ${status} ${mediaType} body`);
      return compileResponseBody(schema, bundleOf(resource));
    },
    async mock(operationId, request, choice) {
      const mock = await loadMocker();
      const resource = resourceOf(operationId);
      const config = {
        dynamic: choice.dynamic ?? false,
        ...(choice.code === undefined ? {} : { code: choice.code }),
        ...(choice.exampleKey === undefined ? {} : { exampleKey: choice.exampleKey }),
      };
      const run = mock({
        resource,
        input: { data: toPrismRequest(request), validations: [] },
        config,
      });
      let result: ReturnType<typeof run>;
      try {
        result = run(silentLogger as unknown as Parameters<typeof run>[0]);
      } catch (error) {
        // Prism's negotiator throws on an Accept header it cannot parse.
        return { ok: false, message: (error as Error).message };
      }
      if (isLeft(result)) return { ok: false, message: result.left.message };
      const { statusCode, headers, body } = result.right;
      return {
        ok: true,
        response: { status: statusCode, headers: { ...(headers ?? {}) }, body },
      };
    },
  };
}
