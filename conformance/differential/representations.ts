// How a step's request is spelled on the wire: the Authorization scheme name's case, the
// Accept media ranges, the If-Unmodified-Since values, and a webhook definition as a JSON,
// text/json, form or XML body.
import type { RequestOptions } from '../types.js';
import type { SideRequest } from './lists-and-signals.js';
import type { SideState } from './normalize.js';
import type { Accept, Representation, Since, Step } from './steps.js';

/** The Authorization value with its scheme name recased (RFC 9110 §11.1: case-insensitive). */
function recased(authorization: string, scheme: 'lower' | 'upper'): string {
  const [name = '', ...rest] = authorization.split(' ');
  return [scheme === 'lower' ? name.toLowerCase() : name.toUpperCase(), ...rest].join(' ');
}

/** `req` with the Authorization scheme name in the case the step asks for, if any. */
export function withScheme(side: SideState, req: SideRequest, step: Step): SideRequest {
  if (!('scheme' in step) || step.scheme === 'as-is' || side.authorization === undefined)
    return req;
  const auth = { authorization: recased(side.authorization, step.scheme) };
  return { ...req, options: { ...req.options, auth } };
}

export const ACCEPT: Record<Accept, string> = {
  json: 'application/json',
  'json-params': 'application/json; charset=utf-8; q=0.9, application/xml; q=0.1',
  'text-json': 'text/json',
  xml: 'application/xml',
};

const SINCE: Record<Since, string | undefined> = {
  none: undefined,
  stale: 'Sat, 01 Jan 2000 00:00:00 GMT',
  unparseable: 'not a date',
  future: 'Fri, 01 Jan 2100 00:00:00 GMT',
};

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function definitionBody(
  definition: Record<string, unknown>,
  repr: Representation,
): RequestOptions {
  if (repr === 'json') return { body: definition };
  if (repr === 'text-json') {
    return { rawBody: JSON.stringify(definition), headers: { 'content-type': 'text/json' } };
  }
  if (repr === 'form') {
    const pairs: [string, string][] = [];
    for (const [key, value] of Object.entries(definition)) {
      if (Array.isArray(value)) for (const item of value) pairs.push([key, String(item)]);
      else if (typeof value === 'string') pairs.push([key, value]);
    }
    const rawBody = new URLSearchParams(pairs).toString();
    return { rawBody, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  const members = Object.entries(definition).map(([key, value]) => {
    if (Array.isArray(value)) {
      return `<${key}>${value.map((v) => `<string>${escapeXml(String(v))}</string>`).join('')}</${key}>`;
    }
    return typeof value === 'string' ? `<${key}>${escapeXml(value)}</${key}>` : '';
  });
  return {
    rawBody: `<Webhook>${members.join('')}</Webhook>`,
    headers: { 'content-type': 'application/xml' },
  };
}

export const sinceHeader = (since: Since): Record<string, string> => {
  const value = SINCE[since];
  return value === undefined ? {} : { 'if-unmodified-since': value };
};
