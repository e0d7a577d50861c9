import type { Scenario } from '../../scenario/types.js';
import { describeDependency } from '../environment/environment-deps.js';
import { EnvironmentWatcher, type EnvironmentReport, type WatchOptions } from '../environment/environment-watch.js';
import { withEnvironmentFaults } from '../environment/environment-verdicts.js';
import { runCorpusLive, type CorpusOptions } from './run-corpus.js';
import type { LiveContext } from './run-scenario.js';
import { realClock } from '../stabilize/stabilize.js';
import type { ScenarioRun } from '../types.js';

export interface WatchedRuns {
  /** The runs, with every verdict observed after an environment fault made inconclusive. */
  runs: ScenarioRun[];
  environment: EnvironmentReport;
}

/** Runs the scenarios while the environment watcher watches what enforcement depends on. */
export async function runCorpusWatched(
  scenarios: readonly Scenario[],
  ctx: LiveContext,
  opts: CorpusOptions,
  watch: Omit<WatchOptions, 'progress'>,
): Promise<WatchedRuns> {
  const watcher = await EnvironmentWatcher.start(
    ctx.kube,
    { ...watch, progress: ctx.progress },
    ctx.clock ?? realClock,
  );
  ctx.progress(
    `watching ${watcher.dependencies.length ? watcher.dependencies.map(describeDependency).join(', ') : 'no CNI agent or DNS found'}, and the nodes`,
  );
  let runs: ScenarioRun[];
  try {
    runs = await runCorpusLive(scenarios, ctx, opts);
  } catch (err) {
    await watcher.stop();
    throw err;
  }
  const environment = await watcher.stop();
  return { runs: withEnvironmentFaults(runs, environment.faults), environment };
}
