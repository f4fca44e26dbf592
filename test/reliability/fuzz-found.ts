// Fixed hostile requests: inputs the fuzzer found (the first seven crashed the server with a 500
// when they were found; see PENDING_FIXES in fuzz-arbitraries.ts) and cases worth pinning down.
import type { FuzzRequest } from './fuzz-operations.js';
import { BASIC } from './support.js';

const auth = { authorization: BASIC };
const json = { ...auth, 'content-type': 'application/json' };

const req = (
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | Buffer,
): FuzzRequest => ({
  method,
  path,
  headers,
  body: body === undefined ? undefined : Buffer.from(body),
});

const deep = (depth: number) => `{"Name":${'['.repeat(depth)}${']'.repeat(depth)}}`;

export const FOUND: Array<[string, FuzzRequest]> = [
  ['a truncated percent-escape in the id', req('GET', '/api/v1/Webhook/%E0%A4%A', auth)],
  ['an overlong UTF-8 escape in the id', req('PATCH', '/api/v1/Webhook/%C0%AF', json, '[]')],
  ['a lone % as the event name', req('POST', '/api/v1/Webhook/%/1', json, '{}')],
  ['a lone % as the LastError id', req('GET', '/api/v1/Webhook/%/LastError', auth)],
  [
    'Prefer code=200 with Accept: ?',
    req('GET', '/api/v1/Webhook/default', { ...auth, accept: '?', prefer: 'code=200' }),
  ],
  [
    'Prefer example= with Accept: ,,,',
    req('POST', '/api/v1/Webhook/Test', { ...auth, accept: ',,,', prefer: 'example=nope' }),
  ],
  [
    'Prefer dynamic=true with Accept: a/b/c',
    req('POST', '/api/v1/Agents/Webhook/CreateDefaultWebhook', {
      ...auth,
      accept: 'a/b/c',
      prefer: 'code=200, dynamic=true',
    }),
  ],
  ['a GET with a body that is not JSON', req('GET', '/api/v1/Webhook/@live0', json, '{"Name":')],
  [
    'a patch path through __proto__',
    req(
      'PATCH',
      '/api/v1/Webhook/@live0',
      json,
      '[{"op":"add","path":"/Properties/__proto__/polluted","value":1}]',
    ),
  ],
  [
    'a patch path through constructor/prototype',
    req(
      'PATCH',
      '/api/v1/Webhook/@live0',
      json,
      '[{"op":"add","path":"/Headers/constructor/prototype/polluted","value":"x"}]',
    ),
  ],
  [
    'a merge patch with __proto__',
    req(
      'PATCH',
      '/api/v1/Webhook/@live0',
      { ...auth, 'content-type': 'application/merge-patch+json' },
      '{"Properties":{"__proto__":{"polluted":1}}}',
    ),
  ],
  [
    'a save with constructor.prototype inside Properties',
    req(
      'POST',
      '/api/v1/Agents/Webhook/SaveWebhook',
      json,
      '{"Name":"x","Properties":{"constructor":{"prototype":{"polluted":1}}}}',
    ),
  ],
  [
    'a body nested 100 000 deep',
    req('POST', '/api/v1/Agents/Webhook/SaveWebhook', json, deep(100_000)),
  ],
  [
    'a UTF-16 body with a byte-order mark',
    req(
      'POST',
      '/api/v1/Agents/Webhook/SaveWebhook',
      json,
      Buffer.from('\ufeff{"Name":"x"}', 'utf16le'),
    ),
  ],
  [
    'a Basic credential that is not base64',
    req('GET', '/api/v1/Webhook', { authorization: 'Basic \u00e9\u00e9\u00e9=' }),
  ],
];
