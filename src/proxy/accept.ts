// Whether an answer's media type is one the request's Accept allows (RFC 9110 §12.5.1), as the
// proxy judges `response.acceptable`.
import { mediaTypeOf } from '../http/body.js';

/** Whether `type` is one `accept` allows with a non-zero weight (RFC 9110 §12.5.1). */
export function acceptable(accept: string, type: string): boolean {
  return accept.split(',').some((part) => {
    const range = mediaTypeOf(part) ?? '';
    const q = /;\s*q\s*=\s*([0-9.]+)/i.exec(part);
    if (q && Number(q[1]) === 0) return false;
    return (
      range === type ||
      range === '*/*' ||
      range === `${type.split('/')[0]}/*` ||
      (type === 'application/json' && range.endsWith('+json'))
    );
  });
}
