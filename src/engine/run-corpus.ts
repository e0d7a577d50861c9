import type { KubeClient } from '../kube/types.js';
import type { Scenario } from '../scenario/types.js';
import { runScenarioLive, type LiveContext } from './run-scenario.js';
import type { ScenarioRun } from './types.js';

/** Every scenario at once (probes share the runner's one concurrency limit). */
export function runCorpusLive(scenarios: readonly Scenario[], ctx: LiveContext): Promise<ScenarioRun[]> {
  return Promise.all(scenarios.map((s) => runScenarioLive(s, ctx)));
}

/** Deletes what this run created (by its run id label), unless asked to keep it. Returns the namespaces deleted. */
export async function cleanUpRun(kube: KubeClient, runId: string, retain: boolean, progress: (s: string) => void): Promise<string[]> {
  if (retain) {
    progress(`--retain: keeping everything labelled netpol-harness.io/run-id=${runId}`);
    return [];
  }
  const deleted = await kube.deleteManagedNamespaces(runId);
  progress(`cleaned up ${deleted.length} namespaces of run ${runId}`);
  return deleted;
}
