import pLimit from 'p-limit';
import type { KubeClient } from '../kube/types.js';
import type { Scenario } from '../scenario/types.js';
import { runScenarioLive, type LiveContext } from './run-scenario.js';
import { costliestFirst, type Costed } from '../scenario/cost.js';
import type { ScenarioRun } from './types.js';

/** Scenarios set up and run at once by default: their pods share the nodes' capacity (110 pods a node). */
export const DEFAULT_PARALLEL_SCENARIOS = 8;

export interface CorpusOptions {
  /** Scenarios set up and probed at once (their pods share the nodes' pod capacity). */
  scenarioConcurrency: number;
  /** Keep each scenario's namespaces instead of deleting them when it ends. */
  retain: boolean;
  /** Filled with each scenario's run id as it starts, so an interrupt can clean up what exists. */
  started?: Set<string>;
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
export function runCorpusLive(
  scenarios: readonly Scenario[],
  ctx: LiveContext,
  opts: CorpusOptions,
): Promise<ScenarioRun[]> {
  return costliestFirstAtOnce(scenarios, opts.scenarioConcurrency, async (s, i) => {
    const runId = scenarioRunId(ctx.runId, i);
    opts.started?.add(runId);
    const run = await runScenarioLive(s, { ...ctx, runId });
    await ctx.runner.release?.(run.namespaces.map((n) => n.real));
    try {
      await cleanUpRun(ctx.kube, runId, opts.retain, ctx.progress);
    } catch (err) {
      ctx.progress(
        `${s.name}: cleanup failed: ${err instanceof Error ? err.message : String(err)}; run \`netpol-harness clean --run-id ${runId}\``,
      );
    }
    opts.started?.delete(runId);
    return run;
  });
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
export async function cleanUpRun(
  kube: KubeClient,
  runId: string,
  retain: boolean,
  progress: (s: string) => void,
): Promise<string[]> {
  if (retain) {
    progress(`--retain: keeping everything labelled netpol-harness.io/run-id=${runId}`);
    return [];
  }
  const deleted = await kube.deleteManagedNamespaces(runId);
  progress(`cleaned up ${deleted.length} namespaces of run ${runId}`);
  return deleted;
}
