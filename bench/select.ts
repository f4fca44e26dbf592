// `--only a,b`: the scenarios a bench run measures, so one change can be measured in minutes.
/** Every scenario by the name `--only` takes, in the order they run. */
export const SCENARIOS = [
  'throughput',
  'reads',
  'cold-start',
  'writes',
  'delivery',
  'stream-clients',
  'inbox-storm',
  'fleet',
  'tenants',
  'flood',
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** `--only a,b` or `--only=a,b`: the scenarios to run; all of them without it. */
export function onlyScenarios(argv: readonly string[]): Set<Scenario> {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at === -1) return new Set(SCENARIOS);
  const arg = argv[at] ?? '';
  const list = (arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[at + 1] ?? '')).split(
    ',',
  );
  const unknown = list.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0 || list.length === 0) {
    throw new Error(`--only takes names from ${SCENARIOS.join(', ')}; got ${unknown.join(', ')}`);
  }
  return new Set(list as Scenario[]);
}
