import { stringify } from 'yaml';
import { applyEdits } from './edit.js';
import { BASE_MANIFESTS } from './manifests.js';
import { UPSTREAM, UPSTREAM_CITATION, type CnpConformanceCase, type Event, type Json } from './spec.js';

/** The suite's houses (conformance/base/manifests.yaml), each a namespace labelled conformance-house=<house>. */
export const HOUSES = ['gryffindor', 'slytherin', 'hufflepuff', 'ravenclaw'] as const;

/** Each house's StatefulSet and its two replicas, NAME-0 and NAME-1. */
export const STATEFULSETS: Record<(typeof HOUSES)[number], string> = {
  gryffindor: 'harry-potter',
  slytherin: 'draco-malfoy',
  hufflepuff: 'cedric-diggory',
  ravenclaw: 'luna-lovegood',
};

/**
 * The world every case shares, as the suite creates it once for all its tests: four namespaces,
 * two pods in each, each serving TCP 80 (named web) and 8080, UDP 53 (named dns) and 5353, SCTP
 * 9003 and 9005. Declared identically in every scenario, so `run --world shared` creates it once.
 */
export const SHARED_WORLD = {
  namespaces: HOUSES.map((h) => ({ name: h, labels: { 'conformance-house': h } })),
  workloads: HOUSES.flatMap((h) =>
    [0, 1].map((i) => ({
      name: `${STATEFULSETS[h]}-${i}`,
      namespace: h,
      image: 'netpol-harness/server',
      labels: { 'conformance-house': h, 'statefulset.kubernetes.io/pod-name': `${STATEFULSETS[h]}-${i}` },
      ports: [
        { name: 'web', containerPort: 80, protocol: 'TCP' },
        { name: 'dns', containerPort: 53, protocol: 'UDP' },
      ],
      listen: ['80/TCP', '8080/TCP', '53/UDP', '5353/UDP', '9003/SCTP', '9005/SCTP'],
      createdBy: `the suite's StatefulSet ${STATEFULSETS[h]} (replica ${i}) in network-policy-conformance-${h}: one agnhost container a port (web and dns named), here one server container on them all`,
    })),
  ),
};

export function scenarioName(c: CnpConformanceCase): string {
  return `cnp-${c.test
    .replace(/^CNP/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()}`;
}

export function fileName(c: CnpConformanceCase): string {
  return `${scenarioName(c).replace(/^cnp-/, '')}.yaml`;
}

const nameOf = (m: Json) => (m.metadata as Json).name as string;

interface StepOut {
  name: string;
  apply: string[];
  delete: string[];
  label: Json[];
  expect: string[];
}

interface Rendered {
  policies: { id: string; namespace?: string; manifest: string }[];
  steps: StepOut[];
}

function labelChange(target: string, labels: Record<string, string | null>): Json {
  const [ns, pod] = target.split('/') as [string, string | undefined];
  return pod ? { pod, namespace: ns, labels } : { namespace: ns, labels };
}

function row(p: Extract<Event, { poke: unknown }>['poke']): string {
  const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
  // The suite counts only a timeout as not connected (doPokeServer: stderr must hold TIMEOUT; a refusal fails the check).
  return `${p.from} -> pod/${p.to}:${p.port}${proto} ${p.connect ? 'allowed' : 'blocked'}`;
}

/** The case's policies (every version it applies) and its steps, in the order the test makes them. */
export function renderSteps(c: CnpConformanceCase): Rendered {
  const base = c.manifests.flatMap((f) => {
    const docs = BASE_MANIFESTS[f];
    if (!docs) throw new Error(`${c.test}: no base manifest ${f}`);
    return docs;
  });
  const policies: Rendered['policies'] = base.map((m) => ({
    id: nameOf(m),
    ...(m.kind === 'NetworkPolicy' ? { namespace: (m.metadata as Json).namespace as string } : {}),
    manifest: stringify(m, { lineWidth: 0 }),
  }));
  const current = new Map(base.map((m) => [nameOf(m), { manifest: m, version: 1 }]));
  const steps: StepOut[] = [];
  let runName = c.test;
  let step: StepOut = { name: runName, apply: policies.map((p) => p.id), delete: [], label: [], expect: [] };
  const changes: string[] = [];
  const change = (what: string) => {
    if (step.expect.length > 0) {
      steps.push(step);
      step = { name: '', apply: [], delete: [], label: [], expect: [] };
      changes.length = 0;
    }
    changes.push(what);
    step.name = `${runName} (after ${changes.join(', ')})`;
  };
  for (const e of c.events) {
    if ('run' in e) {
      runName = e.run;
      if (step.expect.length > 0) {
        steps.push(step);
        step = { name: runName, apply: [], delete: [], label: [], expect: [] };
        changes.length = 0;
      } else step.name = changes.length ? `${runName} (after ${changes.join(', ')})` : runName;
    } else if ('poke' in e) {
      const r = row(e.poke);
      if (step.expect.includes(r)) change('the same probe again');
      step.expect.push(r);
    } else if ('patch' in e) {
      const now = current.get(e.patch);
      if (!now) throw new Error(`${c.test}: patch of ${e.patch}, which no manifest creates`);
      const next = { manifest: applyEdits(now.manifest, e.edits), version: now.version + 1 };
      current.set(e.patch, next);
      const id = `${e.patch}-v${next.version}`;
      policies.push({ id, manifest: stringify(next.manifest, { lineWidth: 0 }) });
      change(`${e.patch} is patched`);
      step.apply.push(id);
    } else if ('label' in e) {
      const what = Object.entries(e.labels)
        .map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`))
        .join(',');
      change(`${e.label} labelled ${what}`);
      step.label.push(labelChange(e.label, e.labels));
    } else {
      const name = e.deleteNetworkPolicy.split('/')[1] as string;
      change(`NetworkPolicy ${name} is deleted`);
      step.delete.push(name);
    }
  }
  // What the test changes after its last probe (a t.Cleanup putting labels back) is no step:
  // the shared world's reset puts them back all the same.
  if (step.expect.length > 0) steps.push(step);
  return { policies, steps };
}

export function section(c: CnpConformanceCase): string {
  return `${c.test}: ${c.description}`;
}

/** The scenario file for one case. Pure. */
export function renderCase(c: CnpConformanceCase): string {
  const { policies, steps } = renderSteps(c);
  const file = `${UPSTREAM_CITATION}:${c.file}`;
  const optional = c.features.filter((f) => f !== 'ClusterNetworkPolicy');
  const doc = {
    apiVersion: 'netpol-harness/v1',
    kind: 'Scenario',
    name: scenarioName(c),
    title: c.test,
    description:
      `The Network Policy API conformance test ${c.test} (${c.file}): ${c.description}. ` +
      "Every row is a PokeServer call of the test, in order, to the server pod's IP: allowed where it expects a connection, blocked (a timeout, as it requires) where it expects none. " +
      `Manifests: ${c.manifests.map((m) => `${UPSTREAM.base}/${m}`).join(', ')}.` +
      (optional.length ? ` Optional feature${optional.length > 1 ? 's' : ''}: ${optional.join(', ')}.` : ''),
    source: { file, section: section(c) },
    namespaces: SHARED_WORLD.namespaces,
    workloads: SHARED_WORLD.workloads,
    policies,
    steps: steps.map((s) => ({
      name: s.name,
      section: `${c.test}: ${s.name}`,
      ...(s.apply.length ? { apply: s.apply } : {}),
      ...(s.delete.length ? { delete: s.delete } : {}),
      ...(s.label.length ? { label: s.label } : {}),
      expect: s.expect,
    })),
  };
  const header = [
    '# yaml-language-server: $schema=../../schema/scenario.schema.json',
    `# ${UPSTREAM.module} ${UPSTREAM.version} (${UPSTREAM.sum}), ${c.file}: ${c.test}`,
    '# Generated by `npm run cnp-conformance` from src/cnp-conformance/ (the facts read from that module,',
    '# written down there); edit there, not here.',
  ];
  return `${header.join('\n')}\n${stringify(doc, { lineWidth: 0 })}`;
}
