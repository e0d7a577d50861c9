import { InvalidArgumentError, Option } from 'commander';
import { FlagError } from '../errors.js';
import { expectedCost, type Costed } from '../scenario/cost.js';

/** One of n parts of a corpus, 1-based as written on the command line (`--shard 2/3`). */
export interface Shard {
  index: number;
  count: number;
}

/** `i/n` with 1 ≤ i ≤ n; a commander argument parser, so a bad value exits 2 naming the flag. */
export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InvalidArgumentError(`expected i/n with 1 ≤ i ≤ n (such as 2/3), got "${value}"`);
  }
  return { index, count };
}

/** `--shard i/n`, shared by check and run. */
export function shardOption(): Option {
  return new Option(
    '--shard <i/n>',
    'only part i of n of the scenarios (split by expected cost; join the --json files with `netpol-harness merge`)',
  ).argParser(parseShard);
}

/**
 * Splits scenarios into `count` shards, balanced by expected cost (greedy longest processing time:
 * the costliest scenario first, each to the shard with the least cost so far, ties to the lower
 * shard), and returns shard `index` in the input's order. Deterministic: it depends only on the
 * scenarios' names and costs, not on their order.
 */
export function shardOf<S extends Costed>(scenarios: readonly S[], index: number, count: number): S[] {
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new RangeError(`shard ${index}/${count}: expected 1 ≤ i ≤ n`);
  }
  const loads = new Array<number>(count).fill(0);
  const assigned = new Map<string, number>();
  const byCost = scenarios
    .map((s) => ({ name: s.name, cost: expectedCost(s) }))
    .sort((a, b) => b.cost - a.cost || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, cost } of byCost) {
    let best = 0;
    for (let k = 1; k < count; k++) if ((loads[k] as number) < (loads[best] as number)) best = k;
    loads[best] = (loads[best] as number) + cost;
    assigned.set(name, best + 1);
  }
  return scenarios.filter((s) => assigned.get(s.name) === index);
}

/** The scenarios of `shard` (all of them when there is none), and a line saying which part this is. */
export function selectShard<S extends Costed>(
  scenarios: readonly S[],
  shard: Shard | undefined,
): { scenarios: S[]; note?: string } {
  if (!shard) return { scenarios: [...scenarios] };
  const picked = shardOf(scenarios, shard.index, shard.count);
  const cost = (list: readonly S[]) => list.reduce((n, s) => n + expectedCost(s), 0);
  return {
    scenarios: picked,
    note: `shard ${shard.index}/${shard.count}: ${picked.length} of ${scenarios.length} scenarios (expected ${(cost(picked) / 10).toFixed(0)} s of ${(cost(scenarios) / 10).toFixed(0)} s)`,
  };
}

/** A run-set id: letters, digits and `._:@/+-`, at most 128 characters (it goes into every report). */
export function parseRunSet(value: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._:@/+-]{0,127}$/.test(value)) return value;
  throw new InvalidArgumentError(
    `expected letters, digits and . _ : @ / + - (at most 128, starting with a letter or digit), got "${value}"`,
  );
}

/** `--run-set ID`, shared by check and run. */
export function runSetOption(): Option {
  return new Option(
    '--run-set <id>',
    "what ties the shards of one run together: merge refuses shards of different run sets (default: $NETPOL_HARNESS_RUN_SET; on GitHub Actions github-$GITHUB_RUN_ID, the same for every job of a workflow run; else run: this run's id, check: none)",
  ).argParser(parseRunSet);
}

/**
 * The run set when `--run-set` is not given: $NETPOL_HARNESS_RUN_SET, else on GitHub Actions the
 * workflow run's id (every job of one workflow run, and a re-run of one of them, shares it).
 */
export function defaultRunSet(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.NETPOL_HARNESS_RUN_SET;
  if (given) {
    try {
      return parseRunSet(given);
    } catch (err) {
      throw new FlagError('NETPOL_HARNESS_RUN_SET', given, (err as Error).message);
    }
  }
  if (env.GITHUB_ACTIONS && env.GITHUB_ACTIONS !== 'false' && env.GITHUB_RUN_ID) return `github-${env.GITHUB_RUN_ID}`;
  return undefined;
}
