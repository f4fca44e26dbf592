import { fileURLToPath } from 'node:url';

// Source runs from <root>/src and the build from <root>/dist/src; both sit two levels below
// the package root only for the build, so resolve from this file's known depth per layout.
const here = fileURLToPath(new URL('.', import.meta.url));
/** True when running the build (dist/src), false when running the sources. */
export const BUILT = here.includes('/dist/');
export const PACKAGE_ROOT = BUILT
  ? fileURLToPath(new URL('../../', import.meta.url))
  : fileURLToPath(new URL('../', import.meta.url));

export const SPEC_PATH = `${PACKAGE_ROOT}spec/webhook.openapi.yaml`;
export const FIXTURES_DIR = `${PACKAGE_ROOT}fixtures/`;
