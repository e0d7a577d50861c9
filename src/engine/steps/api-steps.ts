import type { ApiAnswer, ApiRequest, KubeClient } from '../../kube/types.js';
import type { ApplyOutcome } from '../../reachability/world.js';
import type { ApiAnswerClass, ApiCall } from '../../scenario/api-call.js';
import { harnessLabels } from '../setup/manifests.js';
import { mapNamespace } from '../naming.js';
import type { ApiRecord, PolicyChange } from '../types.js';

export type { ApiRecord } from '../types.js';

/** The service account a request acts as, as the API server names it. */
export function serviceAccountUser(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** The answer class of an API answer: kubectl's created/ok, or the status it refused with. */
export function answerClass(verb: 'create' | 'other', answer: ApiAnswer): ApiAnswerClass | 'error' {
  if (answer.ok) return verb === 'create' ? 'created' : 'ok';
  if (answer.code === 403) return 'forbidden';
  if (answer.code === 404) return 'not-found';
  if (answer.code === 409) return 'already-exists';
  if (answer.code === 400 || answer.code === 422) return 'rejected';
  return 'error';
}

/** A manifest for the run: its namespace real, the harness's labels on it, RoleBinding subjects' namespaces mapped too. */
export function manifestForRun(
  manifest: Record<string, unknown>,
  namespace: string,
  mapping: ReadonlyMap<string, string>,
  runId: string,
): Record<string, unknown> {
  const meta = (manifest.metadata ?? {}) as { labels?: Record<string, string> };
  const out: Record<string, unknown> = {
    ...manifest,
    metadata: {
      ...meta,
      namespace: mapNamespace(mapping, namespace),
      labels: { ...(meta.labels ?? {}), ...harnessLabels(runId) },
    },
  };
  if (Array.isArray(manifest.subjects)) {
    out.subjects = (manifest.subjects as Record<string, unknown>[]).map((s) =>
      typeof s.namespace === 'string' && mapping.has(s.namespace)
        ? { ...s, namespace: mapNamespace(mapping, s.namespace) }
        : s,
    );
  }
  return out;
}

function requestOf(call: ApiCall, mapping: ReadonlyMap<string, string>, runId: string): ApiRequest | undefined {
  const namespace = mapNamespace(mapping, call.namespace);
  const as = call.as ? { as: serviceAccountUser(mapNamespace(mapping, call.as.namespace), call.as.name) } : {};
  const a = call.action;
  switch (a.verb) {
    case 'create':
      return { verb: 'create', manifest: manifestForRun(a.manifest, call.namespace, mapping, runId), ...as };
    case 'get':
      return { verb: 'get', apiVersion: a.apiVersion, kind: a.kind, namespace, name: a.name, ...as };
    case 'list':
      return { verb: 'list', apiVersion: a.apiVersion, kind: a.kind, namespace, ...as };
    case 'label':
      return { verb: 'label', namespace, name: a.pod, labels: a.labels, ...as };
    case 'applied':
      return undefined;
  }
}

/** What the step's own apply of a policy answered (kubectl apply's created/configured, or the refusal). */
function appliedAnswer(
  policyId: string,
  changes: readonly PolicyChange[],
): { live: ApiAnswerClass | 'error'; code?: number; message?: string } {
  const mine = changes.filter((c) => c.policyId === policyId && c.action === 'apply');
  if (mine.length === 0) return { live: 'error', message: `the step applies no policy "${policyId}"` };
  const refused = mine.find((c) => !c.result.accepted);
  if (refused && !refused.result.accepted)
    return {
      live: answerClass('other', { ok: false, code: refused.result.status, message: refused.result.message }),
      code: refused.result.status,
      message: refused.result.message,
    };
  const ops = mine.map((c) => (c.result.accepted ? (c.result.operation ?? 'created') : 'created'));
  return {
    live: ops.every((o) => o === 'configured') ? 'configured' : 'created',
    message: mine.map((c, i) => `networkpolicy "${c.name ?? ''}" ${ops[i]}`).join('; '),
  };
}

function modelApplied(policyId: string, outcomes: readonly ApplyOutcome[]): ApiAnswerClass | undefined {
  const o = outcomes.find((x) => x.policyId === policyId && x.action === 'apply');
  if (!o) return undefined;
  if (o.rejected.length) return 'rejected';
  return o.accepted.length > 0 && o.accepted.every((n) => o.replaced.includes(n)) ? 'configured' : 'created';
}

/**
 * A step's API expectations, in order: each request sent as written (as the service account, if
 * given), its answer classed; `applied` reads what the step's apply answered. Never throws for a
 * refusal: that is the answer.
 */
export async function runApiCalls(
  kube: KubeClient,
  calls: readonly ApiCall[],
  mapping: ReadonlyMap<string, string>,
  runId: string,
  changes: readonly PolicyChange[],
  modelOutcomes: readonly ApplyOutcome[],
): Promise<ApiRecord[]> {
  const out: ApiRecord[] = [];
  for (const call of calls) {
    let live: ApiAnswerClass | 'error';
    let code: number | undefined;
    let message: string | undefined;
    let model: ApiAnswerClass | undefined;
    const request = requestOf(call, mapping, runId);
    if (request) {
      const answer = await kube.apiRequest(request);
      live = answerClass(request.verb === 'create' ? 'create' : 'other', answer);
      code = answer.code;
      if (!answer.ok) message = answer.message;
      else if (answer.items !== undefined) message = `${answer.items} listed`;
    } else {
      const policyId = (call.action as { policyId: string }).policyId;
      ({ live, code, message } = appliedAnswer(policyId, changes));
      model = modelApplied(policyId, modelOutcomes);
    }
    const classOk = live !== 'error' && call.expected.includes(live);
    const reasonOk = call.reason === undefined || (message ?? '').includes(call.reason);
    const verdict = classOk && reasonOk ? 'pass' : 'contradicted';
    const why = !classOk
      ? `expected ${call.expected.join(' or ')}, the API server answered ${live}${code ? ` (${code})` : ''}`
      : !reasonOk
        ? `the answer does not say "${call.reason}"`
        : `the API server answered ${live}, as expected`;
    out.push({
      call,
      ...(model ? { model } : {}),
      live,
      ...(code !== undefined ? { code } : {}),
      ...(message !== undefined ? { message } : {}),
      verdict,
      why,
    });
  }
  return out;
}
