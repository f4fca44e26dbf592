// How stored webhooks are answered, produced once per version of a webhook instead of on every
// read. Every write stores a new record object (store/live-state.ts), so a version is the
// record object itself: the caches are keyed by identity and cannot outlive the version they
// describe. Each produced form is checked against the response schema once, when it is made.
import { applySelect, parseSelect } from '../domain/select.js';
import { unselectedWebhook, type WebhookRecord } from '../domain/webhook.js';
import { EncodedJson, encodeJson } from '../platform/encoded-json.js';

// A type, not an interface, so that it meets the generated index signature of `_Links`.
export type WebhookLinks = { Self: string; Archive: string };
export type WebhookWithLinks = WebhookRecord & { _Links: WebhookLinks };

export interface ViewChecks {
  /** The problems of an entity as the response schema sees it (empty when it conforms). */
  check(entity: WebhookRecord): string | undefined;
  /** Told of a produced form that does not conform; it is still served, as it is stored. */
  report(problem: string): void;
}

/** `$select` forms kept per version; a client cycling through more just recomputes. */
const SELECTIONS_PER_VERSION = 8;
const BLANK = unselectedWebhook();
const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

interface Version {
  whole: Buffer;
  /** By canonical `$select` key (sorted lower-case names). */
  selected: Map<string, Buffer>;
  /** The whole form with `_Links` for the last origin asked (one origin in practice). */
  linked?: { key: string; bytes: Buffer };
}

/** The `$select` names as a key two spellings of the same selection share, or undefined. */
function selectionOf(
  raw: string | undefined,
): { key: string; names: ReadonlySet<string> } | undefined {
  const names = parseSelect(raw);
  return names && { key: [...names].sort().join(','), names };
}

/** WebhookWithLinks (docs/sources.md §7; values per spec/README.md C15). */
function linksOf(id: number, origin: string): WebhookLinks {
  return { Self: `${origin}/api/v1/Webhook/${id}`, Archive: `${origin}/api/v1/Webhook` };
}

export class WebhookViews {
  readonly #versions = new WeakMap<WebhookRecord, Version>();
  /** A whole list's bytes by the list the store answered (a new list after every change). */
  readonly #lists = new WeakMap<readonly WebhookRecord[], Buffer>();
  readonly #checks: ViewChecks | undefined;

  constructor(checks?: ViewChecks) {
    this.#checks = checks;
  }

  /** The entity, `$select` applied (spec/README.md C8). */
  entity(record: WebhookRecord, select: string | undefined): EncodedJson<WebhookRecord> {
    const selection = selectionOf(select);
    if (!selection) return new EncodedJson(this.#version(record).whole, () => record);
    const shown = () => applySelect(record, selection.names, BLANK);
    return new EncodedJson(this.#selected(record, selection.key, shown), shown);
  }

  /** The REST single entity: `$select` applied and `_Links` added. */
  entityWithLinks(
    record: WebhookRecord,
    select: string | undefined,
    origin: string,
  ): EncodedJson<WebhookWithLinks> {
    const selection = selectionOf(select);
    const links = linksOf(record.WebhookId, origin);
    const selected = () => (selection ? applySelect(record, selection.names, BLANK) : record);
    const shown = (): WebhookWithLinks => ({ ...selected(), _Links: links });
    const version = this.#version(record);
    const key = `${selection?.key ?? '*'} ${origin}`;
    if (version.linked?.key !== key) {
      const entity = selection ? this.#selected(record, selection.key, selected) : version.whole;
      // `{…}` + `,"_Links":{…}}`: the entity's bytes are reused, not encoded again.
      const tail = encodeJson({ _Links: links });
      tail[0] = 0x2c; // the tail's `{` becomes the `,` that continues the entity
      version.linked = { key, bytes: Buffer.concat([entity.subarray(0, -1), tail]) };
    }
    return new EncodedJson(version.linked.bytes, shown);
  }

  /** A list of entities, `$select` applied to each. */
  list(
    records: readonly WebhookRecord[],
    select: string | undefined,
  ): EncodedJson<WebhookRecord[]> {
    const selection = selectionOf(select);
    if (!selection) {
      let bytes = this.#lists.get(records);
      if (!bytes) {
        bytes = this.#join(records.map((r) => this.#version(r).whole));
        this.#lists.set(records, bytes);
      }
      return new EncodedJson(bytes, () => [...records]);
    }
    const shown = (r: WebhookRecord) => applySelect(r, selection.names, BLANK);
    const pieces = records.map((r) => this.#selected(r, selection.key, () => shown(r)));
    return new EncodedJson(this.#join(pieces), () => records.map(shown));
  }

  #join(pieces: readonly Buffer[]): Buffer {
    const parts: Buffer[] = [OPEN];
    pieces.forEach((piece, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(piece);
    });
    parts.push(CLOSE);
    return Buffer.concat(parts);
  }

  #version(record: WebhookRecord): Version {
    let version = this.#versions.get(record);
    if (!version) {
      version = { whole: this.#encode(record), selected: new Map() };
      this.#versions.set(record, version);
    }
    return version;
  }

  #selected(record: WebhookRecord, key: string, shown: () => WebhookRecord): Buffer {
    const { selected } = this.#version(record);
    let bytes = selected.get(key);
    if (!bytes) {
      if (selected.size >= SELECTIONS_PER_VERSION) selected.clear();
      bytes = this.#encode(shown());
      selected.set(key, bytes);
    }
    return bytes;
  }

  #encode(entity: WebhookRecord): Buffer {
    const problem = this.#checks?.check(entity);
    if (problem !== undefined) {
      this.#checks?.report(
        `Webhook ${entity.WebhookId} does not match the response schema: ${problem}`,
      );
    }
    return encodeJson(entity);
  }
}
