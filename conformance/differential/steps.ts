// The commands of a differential sequence, as plain data, so fast-check can shrink a sequence
// to the shortest that still differs (differential/generator.ts makes them).
export type Surface = 'rest' | 'agent';
export type Representation = 'json' | 'text-json' | 'xml' | 'form';
export type Accept = 'json' | 'json-params' | 'text-json' | 'xml';
export type Since = 'none' | 'stale' | 'unparseable' | 'future';
/** How the Authorization scheme name is spelled: as the client sends it, or recased. */
export type Scheme = 'as-is' | 'lower' | 'upper';
/** What a list is filtered by: an event of the sequence, a webhook's name, or nothing. */
export type ListFilter =
  | { by: 'event'; event: number }
  | { by: 'hook-event'; h: number; nth: number }
  | { by: 'name'; h: number }
  | { by: 'none' };

export type PatchOp =
  | { op: 'replace' | 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'test'; path: string; value: unknown };

export type Step =
  | {
      kind: 'create';
      surface: Surface;
      repr: Representation;
      events: number[];
      state: 'Active' | 'Stopped';
      secret: string;
      headers: boolean;
      /** Properties with keys that need JSON Pointer escaping, nested one level. */
      properties: boolean;
    }
  | { kind: 'tenant'; tenant: string }
  | { kind: 'get'; h: number; surface: Surface; accept: Accept; scheme: Scheme }
  | {
      kind: 'list';
      surface: Surface;
      filter: ListFilter;
      status: 'Active' | 'Stopped' | null;
      scheme: Scheme;
    }
  | { kind: 'rename'; h: number; surface: Surface; name: string }
  | { kind: 'patch'; h: number; ops: PatchOp[]; since: Since }
  | { kind: 'merge'; h: number; doc: Record<string, unknown>; since: Since }
  | { kind: 'secret'; h: number; secret: string }
  | { kind: 'signal'; surface: Surface; event: number; pk: number }
  | { kind: 'signalHook'; h: number; nth: number; surface: Surface; pk: number }
  | { kind: 'receiver'; h: number; statuses: number[] }
  | { kind: 'test'; h: number; surface: Surface }
  | { kind: 'lastError'; h: number; surface: Surface }
  | { kind: 'delete'; h: number; surface: Surface };

/** Events a sequence uses, by index; each webhook listens to one to three of them. */
export const EVENT_COUNT = 3;
export const MAX_WEBHOOKS = 4;

/** One line per step, for the report. */
export const showStep = (step: Step): string => JSON.stringify(step);
