import type { Namespace } from '../model/types.js';
import type { PathSegment } from '../problems.js';
import { prerequisiteOf } from './annotations.js';
import { readApiCalls } from './api-call.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpectation, convertProvenance, type ExpectationScope } from './convert-expectations.js';
import type { OutsideHost } from './outside.js';
import { readPodUpdates } from './pod-update.js';
import type { RawScenario, RawStep } from './raw.js';
import type { LabelChange, ScenarioPod, ScenarioPolicy, ScenarioService, Step } from './types.js';

/** What a step's references resolve against: everything the scenario declares. */
export interface StepScope {
  raw: RawScenario;
  namespaces: readonly Namespace[];
  pods: readonly ScenarioPod[];
  services: readonly ScenarioService[];
  policies: readonly ScenarioPolicy[];
  outsideHosts: readonly OutsideHost[];
}

/** `steps:`, in order: the policies applied and deleted, relabels, pod updates, API calls, expectations. */
export function convertSteps(scope: StepScope, ctx: ConvertContext): Step[] {
  return scope.raw.steps.map((s, i) => convertStep(s, ['steps', i], scope, ctx));
}

function convertStep(s: RawStep, path: PathSegment[], scope: StepScope, ctx: ConvertContext): Step {
  for (const key of ['apply', 'delete'] as const) {
    (s[key] ?? []).forEach((id, i) => {
      if (!scope.policies.some((p) => p.id === id)) ctx.report([...path, key, i], `no policy with id "${id}"`);
    });
  }
  const relabel = (s.label ?? []).map((l, i) => labelChange(l, [...path, 'label', i], scope, ctx));
  const expectationScope: ExpectationScope = { ...scope, step: s };
  const expectations = (s.expect ?? []).flatMap((e, i) => {
    const x = convertExpectation(e, [...path, 'expect', i], expectationScope, ctx);
    return x ? [x] : [];
  });
  const update = s.update
    ? readPodUpdates(s.update, [...path, 'update'], {
        findPod: (ref, namespace, at) => ctx.findPod(ref, namespace, scope.pods, at),
        readListen: (listen, at) => ctx.readListen(listen, at),
        report: (at, message) => ctx.report(at, message),
        line: (at) => ctx.line(at),
      })
    : undefined;
  const api = s.api
    ? readApiCalls(s.api, [...path, 'api'], {
        namespaces: scope.namespaces.map((n) => n.name),
        pods: scope.pods,
        policyIds: scope.policies.map((p) => p.id),
        report: (at, m) => ctx.report(at, m),
        line: (at) => ctx.line(at),
        provenance: (f, at) =>
          convertProvenance(
            { derived: f.derived, section: f.section, file: f.file, quote: f.quote },
            s,
            scope.raw,
            at,
            ctx,
          ),
      })
    : undefined;
  const prerequisite = prerequisiteOf(s, (field, message) => ctx.report([...path, field], message));
  return {
    name: s.name,
    ...(s.section !== undefined ? { section: s.section } : {}),
    apply: s.apply ?? [],
    delete: s.delete ?? [],
    relabel,
    ...(update ? { update } : {}),
    ...(api ? { api } : {}),
    expectations,
    ...(prerequisite ? { prerequisite } : {}),
    line: ctx.line(path),
  };
}

/** A `label:` entry: a pod's labels (by NAME or NAMESPACE/NAME) or a namespace's. */
function labelChange(
  l: NonNullable<RawStep['label']>[number],
  at: PathSegment[],
  scope: StepScope,
  ctx: ConvertContext,
): LabelChange {
  if (l.pod !== undefined) {
    const pod = ctx.findPod(l.pod, l.namespace, scope.pods, [...at, 'pod']);
    return {
      target: 'pod',
      name: pod?.name ?? l.pod,
      namespace: pod?.namespace ?? 'default',
      labels: l.labels,
      line: ctx.line(at),
    };
  }
  if (l.namespace === undefined) ctx.report(at, 'give "pod" (with an optional "namespace") or "namespace"');
  else if (!scope.namespaces.some((n) => n.name === l.namespace))
    ctx.report([...at, 'namespace'], `no namespace "${l.namespace}"`);
  return {
    target: 'namespace',
    name: l.namespace ?? '',
    namespace: l.namespace ?? '',
    labels: l.labels,
    line: ctx.line(at),
  };
}
