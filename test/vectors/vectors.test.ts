// The shipped test vectors (so-webhook-mock/vectors) are what the mock itself does: the file
// matches its schema, and every vector, valid or not, gets the same verdict from the mock's
// signer and verifier, and valid ones carry exactly the headers a real delivery of those bytes
// would. The vectors were computed by scripts/vectors.mjs with node:crypto alone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attemptHeaders } from '../../src/delivery/attempt-headers.js';
import { signBody, verifySignature } from '../../src/delivery/signature.js';
import {
  signStandardWebhook,
  verifyStandardWebhook,
} from '../../src/delivery/standard-webhooks.js';
import { createAjv } from '../../src/platform/ajv.js';

interface Vector {
  id: string;
  valid: boolean;
  secret: string;
  body: { base64: string; utf8?: string };
  signature: string | null;
  standardWebhooks?: Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string>;
}

const read = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../vectors/${name}`, import.meta.url), 'utf8'));
const document = read('webhook-vectors.json') as { vectors: Vector[] };
const pkg = read('../package.json') as {
  exports: Record<string, unknown>;
  files: string[];
};
const bytesOf = (v: Vector): Buffer => Buffer.from(v.body.base64, 'base64');

describe('so-webhook-mock/vectors', () => {
  it('validates against its schema, and the schema refuses a vector without its verdict', () => {
    const validate = createAjv({ allErrors: true, strict: true }).compile(
      read('webhook-vectors.schema.json') as object,
    );
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(document) as { vectors: Array<Partial<Vector>> };
    delete broken.vectors[0]?.valid;
    expect(validate(broken)).toBe(false);
  });

  it('is published: the exports entry and files list name it', () => {
    expect(pkg.exports['./vectors']).toBe('./vectors/webhook-vectors.json');
    expect(pkg.exports['./vectors/schema']).toBe('./vectors/webhook-vectors.schema.json');
    expect(pkg.files).toContain('vectors');
  });

  it('has valid and invalid vectors, with unique ids', () => {
    const ids = document.vectors.map((v) => v.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(document.vectors.filter((v) => v.valid).length).toBeGreaterThanOrEqual(10);
    expect(document.vectors.filter((v) => !v.valid).length).toBeGreaterThanOrEqual(8);
  });

  it.each(document.vectors.map((v) => [v.id, v] as const))(
    '%s: the mock’s verifier agrees with the verdict',
    (_id, vector) => {
      const bytes = bytesOf(vector);
      if (vector.body.utf8 !== undefined) {
        expect(Buffer.from(vector.body.utf8, 'utf8').equals(bytes)).toBe(true);
      }
      const signature = vector.signature ?? undefined;
      expect(verifySignature(vector.secret, bytes, signature)).toBe(vector.valid);
      if (vector.valid) expect(signBody(vector.secret, bytes)).toBe(vector.signature);
      const standard = vector.standardWebhooks;
      if (standard) {
        const now = Number(standard['webhook-timestamp']);
        expect(verifyStandardWebhook(vector.secret, standard, bytes, now)).toBe(vector.valid);
      }
    },
  );

  it.each(document.vectors.filter((v) => v.valid).map((v) => [v.id, v] as const))(
    '%s: a delivery of these bytes carries these headers',
    (_id, vector) => {
      const standard = vector.standardWebhooks;
      const body = vector.body.utf8;
      // attemptHeaders takes the body as text; the one non-UTF-8 vector is checked above.
      if (body === undefined || !standard) return;
      const headers = attemptHeaders({
        webhook: { Secret: vector.secret, Headers: {} },
        event: 'contact.changed',
        eventId: standard['webhook-id'],
        body,
        retry: 0,
        test: false,
        standardWebhooksAt: Number(standard['webhook-timestamp']),
      });
      expect(headers['X-SuperOffice-Signature']).toBe(vector.signature);
      expect(headers['webhook-signature']).toBe(standard['webhook-signature']);
      expect(
        signStandardWebhook(
          vector.secret,
          standard['webhook-id'],
          standard['webhook-timestamp'],
          body,
        ),
      ).toBe(standard['webhook-signature']);
    },
  );
});
