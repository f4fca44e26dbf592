import { describe, expect, it } from 'vitest';
import { findChromium, SYSTEM_CHROMIUM, type ChromiumLookup } from './find-chromium.js';

const SHIPPED = {
  executablePath: '/cache/chromium-147.0.0/chromium',
  env: { LD_LIBRARY_PATH: '/cache/chromium-147.0.0/lib' },
  version: '147.0.0',
};

function lookup(
  env: Record<string, string>,
  present: string[],
  shipped: () => Promise<typeof SHIPPED> = async () => SHIPPED,
): ChromiumLookup {
  return { env, exists: (path) => present.includes(path), shipped };
}

const unavailable = async (): Promise<never> => {
  throw new Error('@sparticuz/chromium is not installed');
};

describe('findChromium', () => {
  it('takes an explicit CHROMIUM first, even when the system has one', async () => {
    const choice = await findChromium(lookup({ CHROMIUM: '/opt/c' }, ['/opt/c', SYSTEM_CHROMIUM]));
    expect(choice).toEqual({ executablePath: '/opt/c', env: {}, source: 'CHROMIUM' });
  });

  it('fails, without falling back, when CHROMIUM names a missing file', async () => {
    await expect(findChromium(lookup({ CHROMIUM: '/missing' }, [SYSTEM_CHROMIUM]))).rejects.toThrow(
      'CHROMIUM is set to /missing, which does not exist',
    );
  });

  it("prefers the system's Chromium to the npm-shipped one", async () => {
    const choice = await findChromium(lookup({}, [SYSTEM_CHROMIUM]));
    expect(choice).toEqual({ executablePath: SYSTEM_CHROMIUM, env: {}, source: 'system' });
  });

  it('looks for the system Chromium where SYSTEM_CHROMIUM says', async () => {
    const choice = await findChromium(lookup({ SYSTEM_CHROMIUM: '/snap/c' }, ['/snap/c']));
    expect(choice.executablePath).toBe('/snap/c');
  });

  it('uses the npm-shipped Chromium, with its environment, when the system has none', async () => {
    // SYSTEM_CHROMIUM at a missing path is how a machine without Chromium is reproduced here.
    const choice = await findChromium(
      lookup({ SYSTEM_CHROMIUM: '/nowhere/chromium' }, [SYSTEM_CHROMIUM]),
    );
    expect(choice).toEqual({
      executablePath: SHIPPED.executablePath,
      env: SHIPPED.env,
      source: '@sparticuz/chromium 147.0.0',
    });
  });

  it('fails with every reason when no Chromium can be had', async () => {
    const failure = findChromium(lookup({}, [], unavailable));
    await expect(failure).rejects.toThrow(
      `The system Chromium ${SYSTEM_CHROMIUM} does not exist, and the npm-shipped one failed: ` +
        '@sparticuz/chromium is not installed.',
    );
  });
});
