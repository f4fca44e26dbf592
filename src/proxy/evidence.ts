// The exchange a verdict shows as its example, in the conformance report's Evidence shape:
// headers and bodies redacted, bodies cut to a preview so the verdict log stays small.
import type { Evidence } from '../../conformance/types.js';
import type { Redactor } from './redact.js';
import type { ProxiedRequest } from './request-check.js';

const PREVIEW = 2048;
const preview = (bytes: Buffer | undefined, redactor: Redactor): string => {
  if (!bytes || bytes.length === 0) return '';
  const text = bytes.subarray(0, PREVIEW).toString('utf8');
  return redactor.text(bytes.length > PREVIEW ? `${text}…` : text);
};

export function evidenceOf(
  request: ProxiedRequest,
  status: number,
  headers: Record<string, string>,
  body: Buffer | undefined,
  redactor: Redactor,
): Evidence {
  const url = request.query === '' ? request.path : `${request.path}?${request.query}`;
  return {
    request: {
      method: request.method,
      url: redactor.text(url),
      headers: redactor.headers(request.headers),
      ...(request.body.length > 0 ? { body: preview(request.body, redactor) } : {}),
    },
    response: { status, headers: redactor.headers(headers), body: preview(body, redactor) },
  };
}
