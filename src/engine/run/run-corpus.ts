import pLimit from 'p-limit';
import type { KubeClient } from '../../kube/types.js';
import { deleteManaged } from '../../kube/managed.js';
import type { Scenario } from '../../scenario/types.js';
import { namespaceMapping } from '../naming.js';
import { runScenarioLive, setupOptionsOf, type LiveContext, type SharedWorldSlot } from './run-scenario.js';
import { setUpScenario } from '../setup/setup.js';
import { planWorlds, type WorldMode } from './shared-world.js';
import { declaredClusterPolicies } from './not-live.js';
import { clusterPolicySupport } from './cluster-policy-support.js';
import { realClock } from '../stabilize/stabilize.js';
import { costliestFirst, type Costed } from '../../scenario/cost.js';
import type { ScenarioRun } from '../types.js';
import { debugLog } from '../../debug-log.js';

/** Scenarios set up and run at once by default: their pods share the nodes' capacity (110 pods a node). */
export const DEFAULT_PARALLEL_SCENARIOS = 8;

export interface CorpusOptions {
  /** Scenarios set up and probed at once (their pods share the nodes' pod capacity). */
  scenarioConcurrency: number;
  /** Keep each scenario's namespaces instead of deleting them when it ends. */
  retain: boolean;
  /** Filled with each scenario's run id as it starts, so an interrupt can clean up what exists. */
  started?: Set<string>;
  /** shared (the default): cases that declare the same world run in turn on copies of it, created once. */
  world?: WorldMode;
  /** Cases per copy of a shared world (default MIN_CASES_PER_COPY). */
  casesPerCopy?: number;
}

/** The run id a scenario's objects carry: the run's id and the scenario's index. */
export function scenarioRunId(runId: string, index: number): string {
  return `${runId}-${index.toString(36)}`;
}

/**
 * Runs scenarios concurrently, `scenarioConcurrency` at a time (probes share the runner's one
 * limit), the costliest started first; each scenario's namespaces are deleted as soon as it ends,
 * unless retained. The runs come back in the scenarios' order, each with the run id of its index.
 */
export async function runCorpusLive(
  scenarios: readonly Scenario[],
  ctx: LiveContext,
  opts: CorpusOptions,
): Promise<ScenarioRun[]> {
  const declaring = scenarios.filter((s) => declaredClusterPolicies(s).length > 0).length;
  if (declaring > 0 && ctx.clusterPolicies === undefined)
    ctx = { ...ctx, clusterPolicies: await clusterPolicySupport(ctx, declaring, opts.started) };
  const plan = planWorlds(
    scenarios,
    opts.world ?? 'shared',
    opts.scenarioConcurrency,
    opts.casesPerCopy,
    ctx.clusterPolicies,
  );
  if (plan.shared.length > 0)
    ctx.progress(
      `shared worlds: ${plan.shared.reduce((n, w) => n + w.cases.length, 0)} cases in ${plan.shared.reduce((n, w) => n + w.copies, 0)} copies of ${plan.shared.length} world(s), each created once, each copy taking the next case when free; ${plan.alone.length} scenarios in worlds of their own (--world per-case: every case in its own)`,
    );
  const results = new Array<ScenarioRun>(scenarios.length);
  const limit = pLimit(opts.scenarioConcurrency);
  const alone = plan.alone.map((i) => scenarios[i] as Scenario);
  const tasks: Promise<void>[] = [
    ...plan.shared.flatMap((w, k) => {
      const queue = new CaseQueue(w.cases, w.copies);
      const first = plan.shared.slice(0, k).reduce((n, v) => n + v.copies, 0);
      return Array.from({ length: w.copies }, (_, c) =>
        limit(() => runSharedCopy(scenarios, queue, first + c, ctx, opts, results)),
      );
    }),
    ...costliestFirst(alone).map((k) =>
      limit(async () => {
        const i = plan.alone[k] as number;
        results[i] = await runAlone(scenarios[i] as Scenario, i, ctx, opts);
      }),
    ),
  ];
  await Promise.all(tasks);
  return results;
}

/** One scenario in its own world, deleted when it ends (unless retained). */
async function runAlone(s: Scenario, index: number, ctx: LiveContext, opts: CorpusOptions): Promise<ScenarioRun> {
  const runId = scenarioRunId(ctx.runId, index);
  opts.started?.add(runId);
  const run = await runScenarioLive(s, { ...ctx, runId });
  await ctx.runner.release?.(run.namespaces.map((n) => n.real));
  await cleanUpQuietly(ctx, runId, opts.retain, s.name);
  opts.started?.delete(runId);
  return run;
}

/**
 * The cases of one shared world not started yet, costliest first, and the copies still able to run
 * them. Each copy takes the next case when it is free. Cases left when the last copy gives up are
 * failed by that copy, so none is lost.
 */
export class CaseQueue {
  readonly all: readonly number[];
  private readonly pending: number[];
  private copies: number;

  constructor(cases: readonly number[], copies: number) {
    this.all = cases;
    this.pending = [...cases];
    this.copies = copies;
  }

  /** The next case to run, or undefined when none is left. */
  take(): number | undefined {
    return this.pending.shift();
  }

  /**
   * A copy could not be made, holding case `taken`: the case goes back to the queue for another
   * copy. When this was the last copy able to run them, the cases it must fail: that one and every
   * case not started.
   */
  giveUp(taken: number): number[] {
    this.copies--;
    if (this.copies > 0) {
      this.pending.unshift(taken);
      return [];
    }
    return [taken, ...this.pending.splice(0)];
  }

  get left(): number {
    return this.pending.length;
  }
}

/**
 * One copy of a shared world: created before its first case, then the world's next case run on it
 * until none is left (each resets it and proves it clean), made anew when a case left it dirty,
 * deleted at the end.
 */
async function runSharedCopy(
  scenarios: readonly Scenario[],
  queue: CaseQueue,
  copy: number,
  ctx: LiveContext,
  opts: CorpusOptions,
  results: ScenarioRun[],
): Promise<void> {
  const clock = ctx.clock ?? realClock;
  const first = scenarios[queue.all[0] ?? 0] as Scenario;
  // Every pod any of the world's cases probes from gets its probe sidecar: any copy may run any case.
  const world: Scenario = {
    ...first,
    name: 'world',
    steps: queue.all.flatMap((i) => (scenarios[i] as Scenario).steps),
  };
  let made = 0;
  let runId = '';
  let slot: SharedWorldSlot | undefined;
  let ran = 0;
  const say = (line: string) => ctx.progress(`world ${runId}: ${line}`);
  const discard = async () => {
    if (!slot) return;
    await ctx.runner.release?.([...slot.mapping.values()]);
    await cleanUpQuietly(ctx, runId, opts.retain, `world ${runId}`);
    opts.started?.delete(runId);
    slot = undefined;
  };
  try {
    for (let i = queue.take(); i !== undefined; i = queue.take()) {
      const s = scenarios[i] as Scenario;
      if (!slot) {
        runId = `${ctx.runId}-w${copy.toString(36)}${made ? `r${made}` : ''}`;
        made++;
        opts.started?.add(runId);
        const mapping = namespaceMapping(world, runId);
        say(`creating ${[...mapping.values()].join(', ')} (${queue.left + 1} cases of its world not started yet)`);
        try {
          const topo = await setUpScenario(
            ctx.kube,
            world,
            mapping,
            setupOptionsOf(ctx.options, runId, ctx.images, ctx),
            clock,
          );
          slot = { mapping, topo };
          say(`${topo.pods.size} pods ready`);
        } catch (err) {
          const message = `the shared world could not be set up: ${err instanceof Error ? err.message : String(err)}`;
          say(message);
          opts.started?.delete(runId);
          await cleanUpQuietly(ctx, runId, opts.retain, `world ${runId}`);
          // Another copy runs the case it took; when none is left, it and every case not started fail.
          for (const j of queue.giveUp(i)) results[j] = failedRun(scenarios[j] as Scenario, runId, message);
          return;
        }
      }
      const run = await runScenarioLive(s, { ...ctx, runId, shared: slot });
      results[i] = run;
      ran++;
      if (!run.worldReset?.clean) {
        say('a case left it dirty: the next case gets a new copy');
        await discard();
      }
    }
    if (slot) say(`ran ${ran} cases`);
  } finally {
    await discard();
  }
}

function failedRun(s: Scenario, runId: string, error: string): ScenarioRun {
  return { scenario: s, runId, namespaces: [], steps: [], records: [], durationMs: 0, error };
}

async function cleanUpQuietly(ctx: LiveContext, runId: string, retain: boolean, what: string): Promise<void> {
  try {
    await cleanUpRun(ctx.kube, runId, retain, ctx.progress);
  } catch (err) {
    ctx.progress(
      `${what}: cleanup failed: ${err instanceof Error ? err.message : String(err)}; run \`netpol-harness clean --run-id ${runId}\``,
    );
  }
}

/**
 * `run` for every scenario, `atOnce` at a time, started costliest first (see costliestFirst);
 * the results in the scenarios' order.
 */
export async function costliestFirstAtOnce<S extends Costed, T>(
  scenarios: readonly S[],
  atOnce: number,
  run: (scenario: S, index: number) => Promise<T>,
): Promise<T[]> {
  const limit = pLimit(atOnce);
  const results = new Array<T>(scenarios.length);
  await Promise.all(
    costliestFirst(scenarios).map((i) =>
      limit(async () => {
        results[i] = await run(scenarios[i] as S, i);
      }),
    ),
  );
  return results;
}

/** Deletes what a run created (by its run id label), unless asked to keep it. Returns the namespaces deleted. */
const debugCleanup = debugLog('cleanup');

export async function cleanUpRun(
  kube: KubeClient,
  runId: string,
  retain: boolean,
  progress: (s: string) => void,
): Promise<string[]> {
  debugCleanup('run %s: %s', runId, retain ? 'kept (--retain)' : 'deleting its namespaces');
  if (retain) {
    progress(`--retain: keeping everything labelled netpol-harness.io/run-id=${runId}`);
    return [];
  }
  // ClusterNetworkPolicies first: cluster-scoped, they would outlive the namespaces they select.
  const { clusterPolicies: policies, namespaces: deleted } = await deleteManaged(kube, runId);
  debugCleanup('run %s: deleted %s', runId, [...policies, ...deleted].join(', ') || 'nothing');
  progress(
    `cleaned up ${deleted.length} namespaces${policies.length ? ` and ${policies.length} ClusterNetworkPolicies` : ''} of run ${runId}`,
  );
  return deleted;
}
