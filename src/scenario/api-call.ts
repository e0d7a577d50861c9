import { parse as parseYaml } from 'yaml';
import type { PathSegment } from '../problems.js';
import type { Provenance, ScenarioPod } from './types.js';
import type { RawApiCall } from './raw.js';

/** What an API request may be expected to get back (kubectl's words: created, configured, Forbidden, NotFound, …). */
export const API_ANSWERS = [
  'created',
  'configured',
  'ok',
  'rejected',
  'forbidden',
  'not-found',
  'already-exists',
] as const;
export type ApiAnswerClass = (typeof API_ANSWERS)[number];

/** Namespaced kinds an API step may name, by the words kubectl accepts. */
const KINDS: { names: string[]; apiVersion: string; kind: string }[] = [
  { names: ['pod', 'pods', 'po'], apiVersion: 'v1', kind: 'Pod' },
  { names: ['service', 'services', 'svc'], apiVersion: 'v1', kind: 'Service' },
  { names: ['endpoints', 'ep'], apiVersion: 'v1', kind: 'Endpoints' },
  { names: ['serviceaccount', 'serviceaccounts', 'sa'], apiVersion: 'v1', kind: 'ServiceAccount' },
  { names: ['configmap', 'configmaps', 'cm'], apiVersion: 'v1', kind: 'ConfigMap' },
  { names: ['networkpolicy', 'networkpolicies', 'netpol'], apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  { names: ['role', 'roles'], apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role' },
  { names: ['rolebinding', 'rolebindings'], apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' },
];

export type ApiAction =
  | { verb: 'create'; manifest: Record<string, unknown> }
  | { verb: 'get'; apiVersion: string; kind: string; name: string }
  | { verb: 'list'; apiVersion: string; kind: string }
  | { verb: 'label'; pod: string; labels: Record<string, string | null> }
  | { verb: 'applied'; policyId: string };

/** One API request of a step and the answer the document (or a careful reader) expects. */
export interface ApiCall {
  action: ApiAction;
  /** Logical namespace of the request. */
  namespace: string;
  /** A service account to act as (impersonation), in logical names. */
  as?: { namespace: string; name: string };
  expected: ApiAnswerClass[];
  /** Text the API server's message must contain. */
  reason?: string;
  provenance: Provenance;
  note?: string;
  /** As tables show it: `label pod malicious-pod app=bookstore`. */
  text: string;
  line: number;
}

export interface ApiCallContext {
  namespaces: readonly string[];
  pods: readonly ScenarioPod[];
  policyIds: readonly string[];
  report(path: PathSegment[], message: string): void;
  line(path: PathSegment[]): number;
  provenance(fields: RawApiCall, path: PathSegment[]): Provenance | undefined;
}

const VERBS = ['create', 'get', 'list', 'label', 'applied'] as const;

function kindOf(word: string): (typeof KINDS)[number] | undefined {
  return KINDS.find((k) => k.names.includes(word.toLowerCase()));
}

function labelText(labels: Record<string, string | null>): string {
  return Object.entries(labels)
    .map(([k, v]) => (v === null ? `${k}-` : `${k}=${v}`))
    .join(' ');
}

/** Reads a step's `api:` entries; every problem is reported with its path. */
export function readApiCalls(raw: readonly RawApiCall[], path: PathSegment[], ctx: ApiCallContext): ApiCall[] {
  const out: ApiCall[] = [];
  raw.forEach((r, i) => {
    const at = [...path, i];
    const given = VERBS.filter((v) => r[v] !== undefined);
    if (given.length !== 1) {
      ctx.report(
        at,
        `give exactly one of ${VERBS.map((v) => `"${v}"`).join(', ')}${given.length ? ` (got ${given.join(', ')})` : ''}`,
      );
      return;
    }
    const namespace = r.namespace ?? 'default';
    // `applied` reads the step's own apply, wherever its policy went: no namespace of its own.
    if (given[0] !== 'applied' && !ctx.namespaces.includes(namespace))
      ctx.report([...at, 'namespace'], `namespace "${namespace}" is not declared under namespaces`);
    const action = readAction(r, given[0] as (typeof VERBS)[number], namespace, at, ctx);
    const as = r.as !== undefined ? readAs(r.as, [...at, 'as'], ctx) : undefined;
    const expected = (Array.isArray(r.expect) ? r.expect : [r.expect]) as ApiAnswerClass[];
    const provenance = ctx.provenance(r, at);
    if (!action || !provenance) return;
    const text = `${describeAction(action)}${as ? ` as ${as.namespace}/${as.name}` : ''}`;
    out.push({
      action,
      namespace,
      ...(as ? { as } : {}),
      expected,
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      provenance,
      ...(r.note !== undefined ? { note: r.note } : {}),
      text,
      line: ctx.line(at),
    });
  });
  return out;
}

function readAs(
  text: string,
  path: PathSegment[],
  ctx: ApiCallContext,
): { namespace: string; name: string } | undefined {
  const m = /^([a-z0-9-]+)\/([a-z0-9.-]+)$/.exec(text);
  if (!m) {
    ctx.report(path, `cannot read "${text}": write the service account to act as as NAMESPACE/NAME`);
    return undefined;
  }
  if (!ctx.namespaces.includes(m[1] as string))
    ctx.report(path, `namespace "${m[1]}" is not declared under namespaces`);
  return { namespace: m[1] as string, name: m[2] as string };
}

function readAction(
  r: RawApiCall,
  verb: (typeof VERBS)[number],
  namespace: string,
  at: PathSegment[],
  ctx: ApiCallContext,
): ApiAction | undefined {
  switch (verb) {
    case 'create': {
      let manifest: unknown;
      try {
        manifest = parseYaml(r.create as string);
      } catch (err) {
        ctx.report(
          [...at, 'create'],
          `the manifest is not YAML: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
        );
        return undefined;
      }
      const m = manifest as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
      const kind = typeof m?.kind === 'string' ? kindOf(m.kind) : undefined;
      if (!m || typeof m !== 'object' || !kind || kind.kind !== m.kind) {
        ctx.report(
          [...at, 'create'],
          `create takes one manifest of a namespaced kind (${KINDS.map((k) => k.kind).join(', ')}); cluster-wide objects would outlive the run's namespaces`,
        );
        return undefined;
      }
      if (typeof m.metadata?.name !== 'string') ctx.report([...at, 'create'], 'the manifest has no metadata.name');
      if (m.metadata?.namespace !== undefined && m.metadata.namespace !== namespace) {
        ctx.report(
          [...at, 'create'],
          `the manifest's namespace "${String(m.metadata.namespace)}" differs from the entry's "${namespace}": give it as "namespace"`,
        );
      }
      return { verb, manifest: m as Record<string, unknown> };
    }
    case 'get':
    case 'list': {
      const [word, name, extra] = (r[verb] as string).split('/');
      const kind = kindOf(word ?? '');
      if (!kind) {
        ctx.report([...at, verb], `unknown kind "${word}": one of ${KINDS.map((k) => k.names[0]).join(', ')}`);
        return undefined;
      }
      if (verb === 'get') {
        if (!name || extra !== undefined) {
          ctx.report([...at, verb], `write what to get as KIND/NAME (networkpolicy/api-allow)`);
          return undefined;
        }
        return { verb, apiVersion: kind.apiVersion, kind: kind.kind, name };
      }
      if (name !== undefined) ctx.report([...at, verb], 'list names a kind only (pods, networkpolicies)');
      return { verb, apiVersion: kind.apiVersion, kind: kind.kind };
    }
    case 'label': {
      const l = r.label as NonNullable<RawApiCall['label']>;
      if (!ctx.pods.some((p) => p.name === l.pod && p.namespace === namespace))
        ctx.report([...at, 'label', 'pod'], `no pod ${namespace}/${l.pod} in this scenario`);
      return { verb, pod: l.pod, labels: l.labels };
    }
    case 'applied':
      if (!ctx.policyIds.includes(r.applied as string))
        ctx.report([...at, 'applied'], `no policy with id "${r.applied}"`);
      return { verb, policyId: r.applied as string };
  }
}

export function describeAction(a: ApiAction): string {
  switch (a.verb) {
    case 'create': {
      const meta = (a.manifest.metadata ?? {}) as { name?: string };
      return `create ${String(a.manifest.kind).toLowerCase()} ${meta.name ?? ''}`;
    }
    case 'get':
      return `get ${a.kind.toLowerCase()} ${a.name}`;
    case 'list':
      return `list ${a.kind.toLowerCase()}s`;
    case 'label':
      return `label pod ${a.pod} ${labelText(a.labels)}`;
    case 'applied':
      return `apply ${a.policyId}`;
  }
}
