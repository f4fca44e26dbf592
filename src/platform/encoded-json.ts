// A value whose JSON text was encoded ahead of the request that answers with it: the bytes are
// written as they are, and the value itself is built only when another representation (XML)
// is asked for.

export class EncodedJson<T> {
  /** The UTF-8 JSON text of `value()`, exactly. */
  readonly bytes: Uint8Array;
  readonly #value: () => T;

  constructor(bytes: Uint8Array, value: () => T) {
    this.bytes = bytes;
    this.#value = value;
  }

  value(): T {
    return this.#value();
  }
}

export const encodeJson = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');
