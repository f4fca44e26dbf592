import { describe, expect, it } from 'vitest';
import { signBody } from './signature.js';
import { SignatureCache } from './signature-cache.js';

const body = '{"EventId":"e1","Event":"contact.created"}';

describe('SignatureCache', () => {
  it('signs a delivery once and gives retries the same signature', () => {
    const signatures = new SignatureCache(10);
    const first = signatures.of(1, 'secret', body);
    expect(first).toBe(signBody('secret', body));
    // A different body under the same id proves the second answer came from the entry.
    expect(signatures.of(1, 'secret', 'other')).toBe(first);
  });

  it('signs again when the webhook Secret changed between attempts', () => {
    const signatures = new SignatureCache(10);
    signatures.of(1, 'old', body);
    expect(signatures.of(1, 'new', body)).toBe(signBody('new', body));
  });

  it('keeps at most `max` entries and signs the rest each time', () => {
    const signatures = new SignatureCache(1);
    signatures.of(1, 'secret', body);
    signatures.of(2, 'secret', body);
    expect(signatures.of(2, 'secret', 'other')).toBe(signBody('secret', 'other'));
    signatures.forget(1);
    signatures.of(2, 'secret', body);
    expect(signatures.of(2, 'secret', 'other')).toBe(signBody('secret', body));
  });
});
