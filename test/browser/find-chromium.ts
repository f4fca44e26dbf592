// Which Chromium the browser test drives, so that `npm test` passes on a machine with only
// Node: an explicit CHROMIUM path first, then the system's Chromium (SYSTEM_CHROMIUM, by
// default Debian's /usr/bin/chromium), then the one @sparticuz/chromium ships inside its npm
// package. Never a skip: when none can be had the test fails with every reason.
import type { ShippedChromium } from './shipped-chromium.js';

export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export interface ChromiumChoice {
  readonly executablePath: string;
  /** Extra environment for the browser process (the shipped one's libraries and fonts). */
  readonly env: Record<string, string>;
  /** Where it came from, for the log and for error messages. */
  readonly source: string;
}

export interface ChromiumLookup {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly exists: (path: string) => boolean;
  readonly shipped: () => Promise<ShippedChromium>;
}

export async function findChromium(lookup: ChromiumLookup): Promise<ChromiumChoice> {
  const explicit = lookup.env.CHROMIUM;
  if (explicit) {
    // An explicit choice is never swapped for another browser behind the user's back.
    if (lookup.exists(explicit)) return { executablePath: explicit, env: {}, source: 'CHROMIUM' };
    throw new Error(
      `The browser test cannot run: CHROMIUM is set to ${explicit}, which does not exist.`,
    );
  }
  const system = lookup.env.SYSTEM_CHROMIUM || SYSTEM_CHROMIUM;
  if (lookup.exists(system)) return { executablePath: system, env: {}, source: 'system' };
  try {
    const shipped = await lookup.shipped();
    return {
      executablePath: shipped.executablePath,
      env: shipped.env,
      source: `@sparticuz/chromium ${shipped.version}`,
    };
  } catch (error) {
    throw new Error(
      'The browser test cannot run: no Chromium. ' +
        `The system Chromium ${system} does not exist, and the npm-shipped one failed: ` +
        `${(error as Error).message}. Run npm ci (it installs @sparticuz/chromium), install ` +
        "Debian's chromium, or set CHROMIUM to a Chromium binary.",
    );
  }
}
