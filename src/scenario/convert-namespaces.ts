import type { Namespace } from '../model/types.js';
import type { RawScenario } from './raw.js';

/** The label every namespace carries with its own name. */
export const METADATA_NAME = 'kubernetes.io/metadata.name';

/** `namespaces:` as declared; each labelled with its name, as the API server labels it. */
export function convertNamespaces(raw: RawScenario['namespaces']): Namespace[] {
  return (raw ?? []).map((n) => ({
    name: n.name,
    labels: { ...(n.labels ?? {}), [METADATA_NAME]: n.name },
  }));
}

/**
 * `default` exists in every cluster: it joins the declared namespaces (last) when a pod, a service
 * or an accepted policy is in it. Any other namespace must be declared (validate.ts).
 */
export function addDefaultNamespace(namespaces: Namespace[], used: readonly string[]): void {
  if (used.includes('default') && !namespaces.some((n) => n.name === 'default'))
    namespaces.push({ name: 'default', labels: { [METADATA_NAME]: 'default' } });
}
