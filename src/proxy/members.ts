// Reading what passes through as the server binds it: a member by name in any case
// (spec/README.md C11), and the path of a TargetUrl, lower-cased as receiver paths compare.

/** The spelling `record` uses for `name`, compared without case; `name` when it has none. */
export const keyOf = (record: Record<string, unknown>, name: string): string =>
  Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;

/** A member by name in any case. */
export function member(record: Record<string, unknown>, name: string): unknown {
  const key = keyOf(record, name);
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The lower-case path of a URL; undefined when it is no URL. */
export function pathOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).pathname.toLowerCase();
  } catch {
    return undefined;
  }
}
