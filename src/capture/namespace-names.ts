import { RUN_ID_LABEL } from '../kube/types.js';
import type { KubeNamespace } from './cluster-objects.js';

/**
 * The name a captured namespace gets in the scenario. A namespace a harness run created
 * (`<scenario>-<run id>-<logical>`, labelled with the run id) gets its logical name back, so the
 * captured file runs again under new run-unique names; any other namespace keeps its name.
 */
export function scenarioNamespaceName(ns: KubeNamespace): string {
  const name = ns.metadata?.name ?? '';
  const runId = ns.metadata?.labels?.[RUN_ID_LABEL];
  if (!runId) return name;
  const at = name.lastIndexOf(`-${runId}-`);
  return at < 0 ? name : name.slice(at + runId.length + 2);
}

/**
 * Real namespace name → scenario namespace name, for every captured namespace. A harness run's
 * namespace whose logical name another captured namespace also has or gets (`default` of the
 * cluster and of a run, or two runs) is named `<logical>-<run id>` instead. Throws when two would
 * still get the same name.
 */
export function namespaceRenames(namespaces: KubeNamespace[]): Map<string, string> {
  const wanted = namespaces.map((ns) => ({
    real: ns.metadata?.name ?? '',
    logical: scenarioNamespaceName(ns),
    runId: ns.metadata?.labels?.[RUN_ID_LABEL],
  }));
  const count = new Map<string, number>();
  for (const w of wanted) count.set(w.logical, (count.get(w.logical) ?? 0) + 1);
  const out = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const w of wanted) {
    const name =
      (count.get(w.logical) ?? 0) > 1 && w.runId && w.logical !== w.real
        ? `${w.logical}-${w.runId}`.slice(0, 63).replace(/-+$/, '')
        : w.logical;
    const other = taken.get(name);
    if (other !== undefined)
      throw new Error(`namespaces ${other} and ${w.real} would both be captured as "${name}": capture them separately`);
    taken.set(name, w.real);
    out.set(w.real, name);
  }
  return out;
}
