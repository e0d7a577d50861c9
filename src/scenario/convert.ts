import { recordedFindingOf } from './annotations.js';
import { ConvertContext, type ReadPolicyFile } from './convert-context.js';
import type { NamedPodAddress } from './convert-manifests.js';
import { addDefaultNamespace, convertNamespaces } from './convert-namespaces.js';
import { convertPods } from './convert-pods.js';
import { convertPolicies } from './convert-policies.js';
import { convertServices } from './convert-services.js';
import { convertSteps } from './convert-steps.js';
import type { ScenarioDocument } from './decode.js';
import { readOutsideHosts } from './outside.js';
import type { RawScenario } from './raw.js';
import type { Scenario } from './types.js';

/**
 * The middle stage of loading a scenario (parse.ts): the decoded data to a typed Scenario, one
 * converter a part (convert-*.ts), each part after the parts it refers to. A converter reports what
 * it cannot read or resolve where it is written; the rules between parts are validate.ts's.
 * Returns the pod addresses the policies name too, for validate.ts.
 */
export function convertScenario(
  document: ScenarioDocument,
  raw: RawScenario,
  readPolicyFile: ReadPolicyFile,
): { scenario: Scenario; podAddresses: NamedPodAddress[] } {
  const ctx = new ConvertContext(document, readPolicyFile);
  const namespaces = convertNamespaces(raw.namespaces);
  const pods = convertPods(raw, ctx);
  const services = convertServices(raw.services, ctx);
  const { policies, podAddresses } = convertPolicies(raw, pods, ctx);
  addDefaultNamespace(namespaces, [
    ...pods.map((p) => p.namespace),
    ...services.map((s) => s.namespace),
    ...policies.flatMap((p) => p.documents.flatMap((d) => (d.accepted && d.policy ? [d.policy.namespace] : []))),
  ]);
  const outside = raw.outside ? readOutsideHosts(raw.outside, ['outside'], ctx) : undefined;
  const steps = convertSteps({ raw, namespaces, pods, services, policies, outsideHosts: outside ?? [] }, ctx);
  const findings = (raw.findings ?? []).map((f, i) => recordedFindingOf(f, raw.source.file, ctx.line(['findings', i])));
  const scenario: Scenario = {
    ...(outside ? { outside } : {}),
    file: document.file,
    name: raw.name,
    title: raw.title ?? raw.name,
    description: raw.description,
    source: raw.source,
    ...(raw.capture ? { capture: raw.capture } : {}),
    namespaces,
    pods,
    services,
    policies,
    steps,
    ...(findings.length ? { findings } : {}),
  };
  return { scenario, podAddresses };
}
