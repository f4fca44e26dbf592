// What the proxy never writes down or shows: credentials (Authorization, cookies, app tokens),
// webhook Secrets, and the values of a webhook's custom Headers (often a receiver's bearer
// token). Redacted by field where the format is known, and then every value the proxy has seen
// in such a field is scrubbed wherever else it appears (an echo in an error message, an XML or
// form body), so a recording can be shared.
export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'so-apptoken',
  'x-xsrf-token',
]);

/** Known sensitive values kept at most; the oldest are forgotten first. */
const MAX_VALUES = 1000;
/** Shorter values are not scrubbed by text: they would blank ordinary words. */
const MIN_LENGTH = 4;

const JSON_SECRET = /("Secret"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;
const XML_SECRET = /(<(?:\w+:)?Secret\b[^>]*>)[^<]*(<\/)/gi;
const FORM_SECRET = /((?:^|&)Secret=)[^&]*/gi;

export class Redactor {
  readonly #values = new Set<string>();

  /** Remembers a value that must never appear in what the proxy writes. */
  remember(value: string | null | undefined): void {
    if (typeof value !== 'string' || value.length < MIN_LENGTH || this.#values.has(value)) return;
    if (this.#values.size >= MAX_VALUES) {
      const oldest = this.#values.values().next().value;
      if (oldest !== undefined) this.#values.delete(oldest);
    }
    this.#values.add(value);
  }

  /** Remembers the parts of an Authorization header: the whole, the token, Basic's password. */
  rememberAuthorization(header: string | undefined): void {
    if (!header) return;
    this.remember(header);
    const token = header.replace(/^\S+\s+/, '');
    this.remember(token);
    if (/^basic\s/i.test(header)) {
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      this.remember(decoded);
      this.remember(decoded.slice(decoded.indexOf(':') + 1));
    }
  }

  headers(headers: Readonly<Record<string, string>>, extra: ReadonlySet<string> = new Set()) {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      const lower = name.toLowerCase();
      out[name] = SECRET_HEADERS.has(lower) || extra.has(lower) ? REDACTED : this.text(value);
    }
    return out;
  }

  /** A body or message with every Secret field and every remembered value replaced. */
  text(text: string): string {
    let out = text
      .replace(JSON_SECRET, `$1"${REDACTED}"`)
      .replace(XML_SECRET, `$1${REDACTED}$2`)
      .replace(FORM_SECRET, `$1${REDACTED}`);
    for (const value of this.#values) {
      if (out.includes(value)) out = out.replaceAll(value, REDACTED);
      // The same value as JSON escapes it (a quote, a slash, non-ASCII).
      const escaped = JSON.stringify(value).slice(1, -1);
      if (escaped !== value && out.includes(escaped)) out = out.replaceAll(escaped, REDACTED);
    }
    return out;
  }
}
