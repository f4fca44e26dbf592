// The import boundaries of layers.cjs, proved against imports that go the wrong way: each probe
// below is written into a scratch copy of the tree and cruised with the project's own
// dependency-cruiser configuration, as `npm run lint` does; every one must be refused, and the
// allowed control must pass. Then ARCHITECTURE.md must be what layers.cjs generates.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const COPIED = ['src', 'conformance', 'bench', 'scripts', 'test', 'tsconfig.json', 'package.json'];
const CONFIGS = ['layers.cjs', '.dependency-cruiser.cjs', 'ARCHITECTURE.md'];

interface Probe {
  why: string;
  /** The importing file, written fresh (or appended to, when it exists: a single-file part). */
  from: string;
  code: string;
}

let probeCount = 0;
const probe = (why: string, folder: string, code: string): Probe => ({
  why,
  from: `${folder}/boundary-probe-${++probeCount}.ts`,
  code,
});

/** Imports that go the wrong way; the first nineteen are the kinds a review found let through. */
const WRONG: Probe[] = [
  probe('domain imports config.ts (a file, not a folder)', 'src/domain', "import '../config.js';"),
  {
    why: 'config.ts imports the web layer',
    from: 'src/config.ts',
    code: "import '../web/routes.js';",
  },
  probe('service imports delivery/deliver', 'src/service', "import '../delivery/deliver.js';"),
  probe('service imports store/journal', 'src/service', "import '../store/journal.js';"),
  probe('routes imports store/memory-store', 'src/routes', "import '../store/memory-store.js';"),
  probe('the package imports itself by name', 'src/routes', "import 'so-webhook-mock';"),
  probe('a dynamic import() upward', 'src/service', "void import('../http/contract.js');"),
  probe('conformance imports the server', 'conformance', "import '../src/server.js';"),
  probe('conformance imports the store', 'conformance', "import '../src/store/state.js';"),
  probe(
    'conformance imports delivery internals',
    'conformance',
    "import '../src/delivery/deliver.js';",
  ),
  probe(
    'conformance cases import the domain',
    'conformance/cases',
    "import '../../src/domain/json-patch.js';",
  ),
  probe(
    'conformance imports its test support',
    'conformance',
    "import './test-support/wrong-target.js';",
  ),
  probe(
    'conformance imports the mock dynamically',
    'conformance',
    "void import('../src/mock.js');",
  ),
  probe('domain imports a node: module', 'src/domain', "import 'node:fs';"),
  probe('domain imports platform', 'src/domain', "import '../platform/clock.js';"),
  probe('store imports the dispatcher', 'src/store', "import '../delivery/dispatcher.js';"),
  probe('delivery imports the service', 'src/delivery', "import '../service/deps.js';"),
  probe('http imports a route', 'src/http', "import '../routes/webhook.js';"),
  probe('http imports the store', 'src/http', "import '../store/state.js';"),
  probe('platform imports http', 'src/platform', "import '../http/api-error.js';"),
  probe('service imports hono', 'src/service', "import 'hono';"),
  probe('store imports hono', 'src/store', "import 'hono';"),
  probe('routes imports lowdb', 'src/routes', "import 'lowdb';"),
  probe('service imports lowdb-store', 'src/service', "import '../store/lowdb-store.js';"),
  probe('web imports the library', 'src/web', "import '../library/mock-server.js';"),
  probe('http imports config.ts', 'src/http', "import '../config.js';"),
  probe('inbox imports the composition', 'src/inbox', "import '../mock.js';"),
  probe(
    'a type-only import upward',
    'src/delivery',
    "import type { Contract } from '../http/contract.js';\nexport type C = Contract;",
  ),
  probe('generated imports the domain', 'src/generated', "import '../domain/webhook.js';"),
  probe('tenants imports the web layer', 'src/tenants', "import '../web/routes.js';"),
  probe(
    'product code imports test support',
    'src/library',
    "import '../../test/support/test-app.js';",
  ),
  probe('bench imports the server', 'bench', "import '../src/server.js';"),
  probe('scripts import the lowdb store', 'scripts', "import '../src/store/lowdb-store.js';"),
  probe('src imports built output', 'src/web', "import '../../dist/src/index.js';"),
];

const ALLOWED: Probe[] = [
  probe('routes imports a use case', 'src/routes', "import '../service/deps.js';"),
  probe('conformance imports the contract', 'conformance', "import '../src/http/contract.js';"),
  probe('service imports the delivery port', 'src/service', "import '../delivery/deliveries.js';"),
];

let copy: string;
let refused: Map<string, string[]>;

function cruise(files: string[]): Map<string, string[]> {
  const config = join(copy, 'probe.dependency-cruiser.cjs');
  // The copy's node_modules is a link; keep resolved paths inside the copy.
  writeFileSync(
    config,
    "const base = require('./.dependency-cruiser.cjs');\n" +
      'module.exports = { ...base, options: { ...base.options, preserveSymlinks: true } };\n',
  );
  const bin = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  let out: string;
  try {
    out = execFileSync(process.execPath, [bin, '--config', config, '-T', 'json', ...files], {
      cwd: copy,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // Exit status 1..n is the number of errors; the JSON is still on stdout.
    out = String((error as { stdout?: unknown }).stdout ?? '');
  }
  const result = JSON.parse(out) as {
    summary: { violations: Array<{ from: string; to: string; rule: { name: string } }> };
  };
  const byFile = new Map<string, string[]>();
  for (const v of result.summary.violations) {
    byFile.set(v.from, [...(byFile.get(v.from) ?? []), `${v.rule.name} → ${v.to}`]);
  }
  return byFile;
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'boundaries-'));
  for (const entry of [...COPIED, ...CONFIGS]) {
    cpSync(join(ROOT, entry), join(copy, entry), {
      recursive: true,
      filter: (source) => !source.includes('/results/'),
    });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  for (const { from, code } of [...WRONG, ...ALLOWED]) {
    const path = join(copy, from);
    const existing = (() => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return '';
      }
    })();
    writeFileSync(path, `${existing}\n${code}\nexport {};\n`);
  }
  refused = cruise([...WRONG, ...ALLOWED].map((p) => p.from));
}, 120_000);

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('import boundaries (layers.cjs, enforced by dependency-cruiser)', () => {
  it.each(WRONG.map((p) => [p.why, p] as const))('refuses: %s', (_why, p) => {
    expect(refused.get(p.from) ?? [], `${p.from}: ${p.code}`).not.toEqual([]);
  });

  it.each(ALLOWED.map((p) => [p.why, p] as const))('allows: %s', (_why, p) => {
    expect(refused.get(p.from) ?? []).toEqual([]);
  });

  it('ARCHITECTURE.md holds the table layers.cjs generates, and notices a change', () => {
    const check = () =>
      execFileSync(process.execPath, ['scripts/architecture.mjs', '--check'], {
        cwd: copy,
        stdio: 'pipe',
      });
    expect(check).not.toThrow();
    const layers = join(copy, 'layers.cjs');
    writeFileSync(
      layers,
      readFileSync(layers, 'utf8').replace(
        "may: ['generated'],",
        "may: ['generated', 'platform'],",
      ),
    );
    expect(check).toThrow(/out of date/);
  });
});
