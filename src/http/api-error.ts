// The one error type handlers throw and the catalogue of named templates; only the app's
// onError turns an ApiError into a response (spec/README.md C2 names the error types).
export type ErrorSource = 'SuperOffice.Services.Implementation' | 'SuperOffice.WebApi';

interface Template {
  status: number;
  type: string;
  source: ErrorSource;
}

const SERVICE: ErrorSource = 'SuperOffice.Services.Implementation';
const WEBAPI: ErrorSource = 'SuperOffice.WebApi';

export const ERRORS = {
  BAD_REQUEST: { status: 400, type: 'ArgumentException', source: SERVICE },
  UNAUTHORIZED: { status: 401, type: 'SoCredentialsInvalidException', source: WEBAPI },
  FORBIDDEN: { status: 403, type: 'SoAccessDeniedException', source: WEBAPI },
  NOT_FOUND: { status: 404, type: 'SoNotFoundException', source: SERVICE },
  NOT_ACCEPTABLE: { status: 406, type: 'NotAcceptableException', source: WEBAPI },
  CONFLICT: { status: 409, type: 'SoConflictException', source: WEBAPI },
  PRECONDITION_FAILED: { status: 412, type: 'SoPreconditionFailedException', source: WEBAPI },
  PAYLOAD_TOO_LARGE: { status: 413, type: 'PayloadTooLargeException', source: WEBAPI },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, type: 'UnsupportedMediaTypeException', source: WEBAPI },
  QUEUE_FULL: { status: 503, type: 'SoQueueFullException', source: WEBAPI },
  // 400, not 503: a restart, not waiting, frees a tenant (spec/README.md, store limits).
  TENANT_LIMIT: { status: 400, type: 'SoTenantLimitException', source: WEBAPI },
  INTERNAL: { status: 500, type: 'Exception', source: WEBAPI },
  // Answered for requests Node refuses before the app sees them (client-error.ts).
  NOT_HTTP: { status: 400, type: 'BadHttpRequestException', source: WEBAPI },
  REQUEST_TIMEOUT: { status: 408, type: 'RequestTimeoutException', source: WEBAPI },
  HEADERS_TOO_LARGE: { status: 431, type: 'RequestHeaderFieldsTooLargeException', source: WEBAPI },
} as const satisfies Record<string, Template>;

export type ErrorName = keyof typeof ERRORS;

export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly source: ErrorSource;
  readonly headers: Readonly<Record<string, string>>;

  constructor(name: ErrorName, message: string, headers: Record<string, string> = {}) {
    super(message);
    const template: Template = ERRORS[name];
    this.name = 'ApiError';
    this.status = template.status;
    this.type = template.type;
    this.source = template.source;
    this.headers = headers;
  }
}

/**
 * Longest message an error answer carries. A message may quote the request (every unknown
 * property of a body, say), and an answer must not grow with what a client sends: 60 000
 * unknown keys once made an answer 12 times the request's size.
 */
export const MAX_ERROR_MESSAGE = 2048;

function bounded(message: string): string {
  if (message.length <= MAX_ERROR_MESSAGE) return message;
  const more = message.length - MAX_ERROR_MESSAGE;
  return `${message.slice(0, MAX_ERROR_MESSAGE)}… (${more} more characters left out)`;
}

/** The SuperOffice error body; both message keys carry the text (spec/README.md C1). */
export function errorBody(type: string, message: string, source: ErrorSource) {
  const text = bounded(message);
  return {
    Error: true,
    ErrorType: type,
    Message: text,
    ErrorMessage: text,
    ErrorSource: source,
  };
}
