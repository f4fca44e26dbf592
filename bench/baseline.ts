// `--baseline <git-ref>`: another commit of this project measured in the same run, so goals
// stated against "today" (e.g. 3× today's deliveries/s) get a ratio from one machine and one
// moment. The ref is checked out into a temporary git worktree that shares this checkout's
// node_modules, built with its own tsc config, and removed when the bench exits.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onExit, ROOT } from './process.js';
import { buildOurs, type Build, type BuildResult } from './servers.js';

export interface Baseline extends Build {
  ref: string;
  commit: string;
  build: BuildResult;
}

/** `--baseline <ref>` or `--baseline=<ref>` from the command line; undefined without. */
export function baselineRef(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((a) => a === '--baseline' || a.startsWith('--baseline='));
  if (at === -1) return undefined;
  const arg = argv[at] ?? '';
  const ref = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[at + 1];
  if (!ref || ref.startsWith('-')) throw new Error('--baseline needs a git ref, e.g. main');
  return ref;
}

function git(args: string[]): string {
  const run = spawnSync('git', ['-C', ROOT, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr.trim()}`);
  return run.stdout.trim();
}

export function prepareBaseline(ref: string, log: (line: string) => void): Baseline {
  // `--end-of-options` keeps a ref that looks like an option from being read as one.
  const commit = git(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`]);
  const root = mkdtempSync(join(tmpdir(), 'so-webhook-mock-baseline-'));
  onExit(() => {
    spawnSync('git', ['-C', ROOT, 'worktree', 'remove', '--force', root], { timeout: 30_000 });
    rmSync(root, { recursive: true, force: true });
    spawnSync('git', ['-C', ROOT, 'worktree', 'prune'], { timeout: 30_000 });
  });
  git(['worktree', 'add', '--detach', root, commit]);
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  const baseline = { name: 'baseline', root, ref, commit: commit.slice(0, 12) };
  log(`baseline ${ref} (${baseline.commit}) built in ${root}`);
  const build = buildOurs(baseline);
  if (!build.ok) log(`  warning: the baseline's tsc reported errors; measuring what it emitted`);
  return { ...baseline, build };
}
