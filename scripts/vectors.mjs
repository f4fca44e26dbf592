// Writes vectors/webhook-vectors.json: signed delivery bodies a receiver's unit tests can check
// their verification against without running anything. Computed here with node:crypto alone,
// from the documented scheme (https://docs.superoffice.com/en/automation/webhook/security.html:
// Base64 of HMAC-SHA256 keyed with the UTF-8 Secret over the raw body; Standard Webhooks:
// https://www.standardwebhooks.com), never with the mock's signer: test/vectors/ proves every
// vector against that signer, so the two are independent witnesses. Deterministic (fixed ids and
// times), so `npm run generate` reproduces the committed file.
import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = 'my webhook secret';
const TIMESTAMP = 1767225600; // 2026-01-01T00:00:00Z
const EVENT_ID = '8337ae4a-1dd6-40fd-8dc7-a050664a0af7';

const sign = (secret, bytes) =>
  createHmac('sha256', Buffer.from(secret, 'utf8')).update(bytes).digest('base64');

function standardKey(secret) {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice('whsec_'.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

const standardSign = (secret, id, timestamp, bytes) =>
  `v1,${createHmac('sha256', standardKey(secret))
    .update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), bytes]))
    .digest('base64')}`;

const body = (fieldValues, extra = '') =>
  `{"EventId":"${EVENT_ID}","Timestamp":"2026-01-01T00:00:00.0000000Z","Changes":["name","updated"],` +
  `"Event":"contact.changed","PrimaryKey":42,"Entity":"contact","ContextIdentifier":"Cust12345",` +
  `"ChangedByAssociateId":5,"WebhookName":"CRM sync","FieldValues":${fieldValues}${extra}}`;

const COMPACT = body('{"name":"Acme"}');
const TEST_EVENT =
  `{"EventId":"${EVENT_ID}","Timestamp":"2026-01-01T00:00:00.0000000Z","Changes":[],"Event":"test",` +
  '"PrimaryKey":0,"Entity":"test","ContextIdentifier":"Cust12345","ChangedByAssociateId":0,"WebhookName":"CRM sync"}';

/** Bytes that a receiver must accept with a signature over exactly them. */
const VALID = [
  ['compact', 'A contact.changed delivery as the mock sends it: compact JSON.', SECRET, COMPACT],
  ['test-event', 'The test event a save sends (with X-Hook-Test: true).', SECRET, TEST_EVENT],
  [
    'non-ascii-raw',
    'Non-ASCII text as raw UTF-8 bytes; the key is hashed over bytes, not characters.',
    SECRET,
    body('{"name":"Tromsø Café – 日本"}'),
  ],
  [
    'non-ascii-escaped',
    'The same text \\u-escaped: other bytes, so another signature; a receiver that re-serialises changes them.',
    SECRET,
    body('{"name":"Troms\\u00f8 Caf\\u00e9 \\u2013 \\u65e5\\u672c"}'),
  ],
  [
    'escaped-slash',
    'Escaped slashes (\\/), which JSON.stringify would not write.',
    SECRET,
    body('{"url":"https:\\/\\/crm.example.com\\/42"}'),
  ],
  [
    'number-format',
    'Numbers written 1.0 and 12.50, which a round trip turns into 1 and 12.5.',
    SECRET,
    body('{"amount":1.0,"probability":12.50}'),
  ],
  [
    'key-order',
    'Numeric keys after others: JavaScript objects move them first on a round trip.',
    SECRET,
    body('{"name":"Acme","10":"ten","2":"two"}'),
  ],
  [
    'whitespace',
    'Indentation and a trailing newline are part of the signed bytes.',
    SECRET,
    `${COMPACT.replace(/,"/g, ',\n  "')}\n`,
  ],
  [
    'properties',
    "The webhook's Properties merged as top-level keys after the documented ones.",
    SECRET,
    body('{"name":"Acme"}', ',"source":"superoffice","tenantRef":7'),
  ],
  [
    'secret-non-ascii',
    'A Secret with non-ASCII characters: the key is its UTF-8 bytes.',
    'hémlig nøkkel ✓',
    COMPACT,
  ],
  [
    'secret-long',
    'A Secret longer than the 64-byte HMAC block, which HMAC hashes first.',
    'k'.repeat(100),
    COMPACT,
  ],
  [
    'secret-whsec',
    'A whsec_ Secret is still used as UTF-8 text for X-SuperOffice-Signature.',
    'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    COMPACT,
  ],
  [
    'invalid-utf8-body',
    'Body bytes that are not valid UTF-8 (a Latin-1 ø): hash the bytes, do not decode them.',
    SECRET,
    Buffer.from(COMPACT.replace('Acme', 'Troms\u00f8'), 'latin1'),
  ],
];

const bytesOf = (text) => (Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

/** Each takes a valid (secret, bytes) pair and returns what a receiver must refuse. */
const INVALID = [
  [
    'tampered-body',
    'The body changed after signing (PrimaryKey 42 → 43).',
    (s, b) => ({
      bytes: Buffer.from(b.toString('utf8').replace('"PrimaryKey":42', '"PrimaryKey":43')),
      signature: sign(s, b),
    }),
  ],
  [
    're-serialised',
    'Escaped slashes, signed over the body parsed and serialised again instead of the bytes sent.',
    (s) => {
      const bytes = bytesOf(VALID.find(([id]) => id === 'escaped-slash')[3]);
      const again = Buffer.from(JSON.stringify(JSON.parse(bytes.toString('utf8'))));
      return { bytes, signature: sign(s, again) };
    },
  ],
  [
    'old-secret',
    'Signed with the Secret the webhook had before it was changed.',
    (s, b) => ({ bytes: b, signature: sign(`${s}-previous`, b) }),
  ],
  [
    'hex',
    'The right HMAC, hex-encoded: the header is Base64.',
    (s, b) => ({ bytes: b, signature: createHmac('sha256', s).update(b).digest('hex') }),
  ],
  [
    'prefixed',
    'The right Base64 with a sha256= prefix, which SuperOffice does not send.',
    (s, b) => ({ bytes: b, signature: `sha256=${sign(s, b)}` }),
  ],
  [
    'truncated',
    'The first 24 bytes of the right HMAC: a prefix of the MAC is not the MAC.',
    (s, b) => ({ bytes: b, signature: sign(s, b).slice(0, 32) }),
  ],
  ['empty', 'An empty X-SuperOffice-Signature.', (_s, b) => ({ bytes: b, signature: '' })],
  ['missing', 'No X-SuperOffice-Signature at all.', (_s, b) => ({ bytes: b, signature: null })],
  [
    'sha1',
    'HMAC-SHA1 instead of HMAC-SHA256.',
    (s, b) => ({ bytes: b, signature: createHmac('sha1', s).update(b).digest('base64') }),
  ],
];

function encodeBody(bytes) {
  const text = bytes.toString('utf8');
  const utf8 = Buffer.from(text, 'utf8').equals(bytes) ? { utf8: text } : {};
  return { base64: bytes.toString('base64'), ...utf8 };
}

function standard(secret, bytes, valid) {
  const signature = standardSign(secret, EVENT_ID, TIMESTAMP, bytes);
  return {
    'webhook-id': EVENT_ID,
    'webhook-timestamp': String(TIMESTAMP),
    'webhook-signature': valid
      ? signature
      : standardSign(`${secret}-previous`, EVENT_ID, TIMESTAMP, bytes),
  };
}

const vectors = VALID.map(([id, description, secret, text]) => {
  const bytes = bytesOf(text);
  return {
    id,
    description,
    valid: true,
    secret,
    body: encodeBody(bytes),
    signature: sign(secret, bytes),
    standardWebhooks: standard(secret, bytes, true),
  };
});
const [, , baseSecret, baseText] = VALID[0];
for (const [id, description, make] of INVALID) {
  const { bytes, signature } = make(baseSecret, bytesOf(baseText));
  vectors.push({
    id,
    description,
    valid: false,
    secret: baseSecret,
    body: encodeBody(bytes),
    signature,
    ...(id === 'old-secret' && { standardWebhooks: standard(baseSecret, bytes, false) }),
  });
}

const document = {
  $schema: './webhook-vectors.schema.json',
  format: 'so-webhook-mock/webhook-vectors@1',
  description:
    "Signed SuperOffice webhook deliveries for receivers' unit tests. A receiver must accept a vector whose `valid` is true and refuse one whose `valid` is false, given `secret`, the body bytes (`body.base64`; `body.utf8` when they are valid UTF-8) and `signature` as the X-SuperOffice-Signature header (null: no header). `standardWebhooks` are the headers the mock adds with --standard-webhooks, verified at `webhook-timestamp` as the current time.",
  scheme: {
    header: 'X-SuperOffice-Signature',
    value:
      'Base64 (with padding) of HMAC-SHA256, key = UTF-8 bytes of the Secret, message = the raw body bytes',
    source: 'https://docs.superoffice.com/en/automation/webhook/security.html',
    standardWebhooks:
      'https://www.standardwebhooks.com: v1,Base64(HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<body>")), key = the Base64 after whsec_, else the UTF-8 Secret',
  },
  vectors,
};

mkdirSync(`${root}vectors`, { recursive: true });
writeFileSync(`${root}vectors/webhook-vectors.json`, `${JSON.stringify(document, null, 2)}\n`);
