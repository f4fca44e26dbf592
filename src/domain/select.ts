// $select on a single entity (spec/README.md C8): the named fields keep their values, every
// other field "is then nulled out" - it takes the value the caller's blank entity holds,
// since a .NET carrier cannot null a value-type field.

/**
 * Field names from a `$select` query value: comma separated, trimmed and lower-cased (names
 * are case-insensitive); of a path such as `a/b` only the first segment counts. Nothing
 * named (absent, empty, only commas) → undefined, meaning every field.
 */
export function parseSelect(raw: string | undefined): ReadonlySet<string> | undefined {
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((part) => (part.split('/')[0] ?? '').trim().toLowerCase())
    .filter((name) => name !== '');
  return names.length === 0 ? undefined : new Set(names);
}

/**
 * A copy of `entity`, key order kept, in which every field not in `selected` (compared
 * ignoring case) takes its value from `blank`. Keys `blank` lacks, such as `_Links`, stay as
 * they are; unknown selected names are ignored. `selected` undefined → a plain copy.
 */
export function applySelect<T extends object>(
  entity: T,
  selected: ReadonlySet<string> | undefined,
  blank: T,
): T {
  const blanks = new Map<string, unknown>(Object.entries(blank));
  const entries = Object.entries(entity).map(([key, value]): [string, unknown] => {
    const keep = selected === undefined || selected.has(key.toLowerCase()) || !blanks.has(key);
    return [key, keep ? value : blanks.get(key)];
  });
  // Object.fromEntries defines own properties, so no key can reach a prototype setter.
  return Object.fromEntries(entries) as T;
}
