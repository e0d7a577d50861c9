import { Document } from 'yaml';
import { ClientClusterReader } from '../capture/client-reader.js';
import { readSnapshot, type NamespaceScope } from '../capture/cluster-reader.js';
import { snapshotToScenario } from '../capture/to-scenario.js';
import { namespaceRenames } from '../capture/namespace-names.js';
import { kubeconfigProblem } from '../cluster/kubeconfig.js';
import { EnvironmentError } from '../errors.js';
import { loadKubeConfig } from '../kube/kubeconfig.js';
import { parseLabelSelector } from '../capture/label-selector.js';
import type { World } from '../model/types.js';
import { worldsByStep, type StepState } from '../reachability/world.js';
import { loadScenarios } from '../scenario/load.js';
import { parseScenario } from '../scenario/parse.js';
import type { Scenario } from '../scenario/types.js';
import { ArgumentError } from './argument-error.js';
import { FlagError } from './program.js';

/** The read-only cluster flags capture, explain and diff share. */
export interface ClusterFlags {
  kubeconfig?: string;
  context?: string;
  namespace?: string[];
  allNamespaces?: boolean;
  selector?: string;
}

export function usesCluster(f: ClusterFlags): boolean {
  return Boolean(f.kubeconfig || f.context || f.namespace?.length || f.allNamespaces);
}

export function scopeOf(f: ClusterFlags): NamespaceScope {
  if (f.allNamespaces && f.namespace?.length) throw new FlagError('-A', '--all-namespaces', 'give either -n NAMESPACE… or -A, not both');
  if (f.allNamespaces) return { kind: 'all' };
  if (!f.namespace?.length) throw new FlagError('-n', '', 'name the namespaces to read (-n NS…) or give -A for all of them');
  return { kind: 'named', names: f.namespace };
}

/** One scenario file's world at a step: the last one unless `step` names one (1-based number or name). */
export function scenarioAtStep(file: string, step?: string): { scenario: Scenario; state: StepState; where: string } {
  const [scenario, ...more] = loadScenarios([file]);
  if (!scenario || more.length) throw new ArgumentError('SCENARIO', file, 'expected one scenario file');
  const states = worldsByStep(scenario);
  let state = states[states.length - 1] as StepState;
  if (step !== undefined) {
    const found = /^\d+$/.test(step) ? states[Number(step) - 1] : states.find((s) => s.step.name === step);
    if (!found) throw new FlagError('--step', step, `expected 1-${states.length} or a step name (${states.map((s) => `"${s.step.name}"`).join(', ')})`);
    state = found;
  }
  return { scenario, state, where: `${scenario.file}, step ${state.index + 1}/${states.length} "${state.step.name}"` };
}

/**
 * The cluster's namespaces, pods, services and policies as a scenario, read through the list-only
 * reader (nothing is written), and its world with every policy in force.
 */
export async function clusterScenario(f: ClusterFlags): Promise<{ scenario: Scenario; world: World; renames: ReadonlyMap<string, string>; where: string }> {
  const scope = scopeOf(f);
  if (f.selector) {
    try {
      parseLabelSelector(f.selector);
    } catch (err) {
      throw new FlagError('--selector', f.selector, (err as Error).message);
    }
  }
  let kc;
  try {
    kc = loadKubeConfig({ ...(f.kubeconfig ? { kubeconfigPath: f.kubeconfig } : {}), ...(f.context ? { context: f.context } : {}) });
  } catch (err) {
    throw kubeconfigProblem(err);
  }
  const from = `context ${kc.getCurrentContext()}`;
  const snapshot = await readCluster(() => readSnapshot(new ClientClusterReader(kc), { scope, ...(f.selector ? { labelSelector: f.selector } : {}) }), from, scope);
  const { document } = snapshotToScenario(snapshot, { name: 'cluster', from, at: new Date().toISOString(), ...(f.selector ? { labelSelector: f.selector } : {}) });
  const scenario = parseScenario(from, new Document(document).toString({ lineWidth: 0 }), () => undefined);
  const states = worldsByStep(scenario);
  const renames = namespaceRenames(snapshot.namespaces);
  return { scenario, world: (states[states.length - 1] as StepState).world, renames, where: `${from} (namespaces ${scenario.capture?.namespaces?.join(', ')})` };
}

/** A namespace that does not exist is a bad flag (exit 2); anything else the cluster says is the environment (exit 3). */
export async function readCluster<T>(read: () => Promise<T>, from: string, scope: NamespaceScope): Promise<T> {
  try {
    return await read();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (scope.kind === 'named' && /^no namespace |belongs to the cluster itself/.test(message)) throw new FlagError('--namespace', scope.names.join(','), message);
    throw new EnvironmentError(`cannot read the cluster (${from}): ${message}`, 'is the cluster up? check --kubeconfig/--context', { cause: err });
  }
}
