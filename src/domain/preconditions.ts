// If-Unmodified-Since (RFC 9110 §13.1.4): HTTP dates have whole seconds, so the entity's
// Updated is compared truncated to the second; an unparsable date is ignored.
export function failsIfUnmodifiedSince(updated: string, header: string | undefined): boolean {
  if (!header) return false;
  const since = Date.parse(header);
  if (Number.isNaN(since)) return false;
  const changed = Date.parse(
    updated.endsWith('Z') || /[+-]\d\d:\d\d$/.test(updated) ? updated : `${updated}Z`,
  );
  if (Number.isNaN(changed)) return false;
  return Math.floor(changed / 1000) * 1000 > since;
}
