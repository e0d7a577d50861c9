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

/** Real namespace name → scenario namespace name, for every captured namespace. Throws when two would get the same name. */
export function namespaceRenames(namespaces: KubeNamespace[]): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Map<string, string>();
  for (const ns of namespaces) {
    const real = ns.metadata?.name ?? '';
    const logical = scenarioNamespaceName(ns);
    const other = taken.get(logical);
    if (other !== undefined) throw new Error(`namespaces ${other} and ${real} would both be captured as "${logical}": capture them separately`);
    taken.set(logical, real);
    out.set(real, logical);
  }
  return out;
}
