// TargetUrls parsed once: an attempt read its URL three times (the self-delivery check by
// spelling, the request, the check of each resolved address), and deliveries to one hook repeat
// the same string. The parsed URLs are shared, so nobody may change one.

const MAX = 1024;
/** Longer strings are parsed each time rather than kept. */
const MAX_LENGTH = 2048;
const parsed = new Map<string, Readonly<URL> | null>();

/** `url` parsed, or null when it is not a URL. */
export function parseTarget(url: string): Readonly<URL> | null {
  let known = parsed.get(url);
  if (known !== undefined) return known;
  try {
    known = new URL(url);
  } catch {
    known = null;
  }
  if (url.length > MAX_LENGTH) return known;
  // Bounded: past MAX different strings, the oldest half is forgotten.
  if (parsed.size >= MAX) {
    for (const key of [...parsed.keys()].slice(0, MAX / 2)) parsed.delete(key);
  }
  parsed.set(url, known);
  return known;
}
