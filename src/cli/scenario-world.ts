import { Document } from 'yaml';
import { ClientClusterReader } from '../capture/client-reader.js';
import { readSnapshot, type NamespaceScope } from '../capture/cluster-reader.js';
import { podGroupsOf, snapshotToScenario } from '../capture/to-scenario.js';
import type { ClusterSnapshot } from '../capture/cluster-objects.js';
import type { KubeConfig } from '@kubernetes/client-node';
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
  if (f.allNamespaces && f.namespace?.length)
    throw new FlagError('-A', '--all-namespaces', 'give either -n NAMESPACE… or -A, not both');
  if (f.allNamespaces) return { kind: 'all' };
  if (!f.namespace?.length)
    throw new FlagError('-n', '', 'name the namespaces to read (-n NS…) or give -A for all of them');
  return { kind: 'named', names: f.namespace };
}

/** One scenario file's world at a step: the last one unless `step` names one (1-based number or name). */
export function scenarioAtStep(
  file: string,
  step?: string,
): { scenario: Scenario; state: StepState; states: StepState[]; where: string } {
  const [scenario, ...more] = loadScenarios([file]);
  if (!scenario || more.length) throw new ArgumentError('SCENARIO', file, 'expected one scenario file');
  const states = worldsByStep(scenario);
  let state = states[states.length - 1] as StepState;
  if (step !== undefined) {
    const found = /^\d+$/.test(step) ? states[Number(step) - 1] : states.find((s) => s.step.name === step);
    if (!found)
      throw new FlagError(
        '--step',
        step,
        `expected 1-${states.length} or a step name (${states.map((s) => `"${s.step.name}"`).join(', ')})`,
      );
    state = found;
  }
  return {
    scenario,
    state,
    states,
    where: `${scenario.file}, step ${state.index + 1}/${states.length} "${state.step.name}"`,
  };
}

/**
 * The cluster's namespaces, pods, services and policies as a scenario, read through the list-only
 * reader (nothing is written), and its world with every policy in force.
 */
export interface ClusterView {
  scenario: Scenario;
  /** Every policy in force; pods and services carry the addresses the cluster gave them. */
  world: World;
  snapshot: ClusterSnapshot;
  /** Real namespace name → the scenario's. */
  renames: ReadonlyMap<string, string>;
  kubeConfig: KubeConfig;
  where: string;
}

export async function clusterScenario(f: ClusterFlags): Promise<ClusterView> {
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
    kc = loadKubeConfig({
      ...(f.kubeconfig ? { kubeconfigPath: f.kubeconfig } : {}),
      ...(f.context ? { context: f.context } : {}),
    });
  } catch (err) {
    throw kubeconfigProblem(err);
  }
  const from = `context ${kc.getCurrentContext()}`;
  const snapshot = await readCluster(
    () => readSnapshot(new ClientClusterReader(kc), { scope, ...(f.selector ? { labelSelector: f.selector } : {}) }),
    from,
    scope,
  );
  const { document } = snapshotToScenario(snapshot, {
    name: 'cluster',
    from,
    at: new Date().toISOString(),
    ...(f.selector ? { labelSelector: f.selector } : {}),
  });
  const scenario = parseScenario(from, new Document(document).toString({ lineWidth: 0 }), () => undefined);
  const states = worldsByStep(scenario);
  const renames = namespaceRenames(snapshot.namespaces);
  const world = withClusterAddresses((states[states.length - 1] as StepState).world, snapshot, renames);
  return {
    scenario,
    world,
    snapshot,
    renames,
    kubeConfig: kc,
    where: `${from} (namespaces ${scenario.capture?.namespaces?.join(', ')})`,
  };
}

/** Pod IPs (a workload's first pod) and cluster IPs as the cluster gave them, so ipBlocks are decided exactly. */
function withClusterAddresses(world: World, snapshot: ClusterSnapshot, renames: ReadonlyMap<string, string>): World {
  const logical = (ns: string | undefined) => renames.get(ns ?? '') ?? ns ?? '';
  const groups = podGroupsOf(snapshot);
  return {
    ...world,
    pods: world.pods.map((p) => {
      const ip = groups.find((g) => logical(g.namespace) === p.namespace && g.name === p.name)?.pods[0]?.status?.podIP;
      return ip ? { ...p, ip } : p;
    }),
    services: world.services.map((s) => {
      const ip = snapshot.services.find(
        (x) => logical(x.metadata?.namespace) === s.namespace && x.metadata?.name === s.name,
      )?.spec?.clusterIP;
      return ip && ip !== 'None' ? { ...s, clusterIP: ip } : s;
    }),
  };
}

/** A namespace that does not exist is a bad flag (exit 2); anything else the cluster says is the environment (exit 3). */
export async function readCluster<T>(read: () => Promise<T>, from: string, scope: NamespaceScope): Promise<T> {
  try {
    return await read();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (scope.kind === 'named' && /^no namespace |belongs to the cluster itself/.test(message))
      throw new FlagError('--namespace', scope.names.join(','), message);
    if (/would both be captured as/.test(message)) {
      throw scope.kind === 'named'
        ? new FlagError('--namespace', scope.names.join(','), message)
        : new FlagError('--all-namespaces', 'true', message);
    }
    throw new EnvironmentError(
      `cannot read the cluster (${from}): ${message}`,
      'is the cluster up? check --kubeconfig/--context',
      { cause: err },
    );
  }
}
