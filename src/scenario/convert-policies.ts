import { isScalar } from 'yaml';
import { excerpt } from '../excerpt.js';
import type { PathSegment } from '../problems.js';
import type { ConvertContext } from './convert-context.js';
import { convertManifest, type ManifestText, type NamedPodAddress } from './convert-manifests.js';
import type { RawPolicy, RawScenario } from './raw.js';
import type { ScenarioPod, ScenarioPolicy } from './types.js';

/** `policies:`, each with its manifest read (convert-manifests.ts); and the pod addresses they name. */
export function convertPolicies(
  raw: RawScenario,
  pods: readonly ScenarioPod[],
  ctx: ConvertContext,
): { policies: ScenarioPolicy[]; podAddresses: NamedPodAddress[] } {
  const podAddresses: NamedPodAddress[] = [];
  const policies = (raw.policies ?? []).map((p, i) => {
    const path = ['policies', i];
    const namespace = p.namespace ?? 'default';
    const manifest = manifestText(p, path, ctx);
    const read = convertManifest(manifest, namespace, p.id, pods, ctx);
    podAddresses.push(...read.podAddresses);
    return {
      id: p.id,
      namespace,
      text: manifest.text,
      file: manifest.file,
      line: manifest.lineOffset + 1,
      documents: read.documents,
      source: p.source
        ? { file: p.source.file ?? raw.source.file, section: p.source.section, quote: p.source.quote }
        : undefined,
      correctionOf: p.correctionOf,
      reason: p.reason,
      ...(p.origin !== undefined ? { origin: p.origin } : {}),
      ...(p.mistake ? { mistake: { quote: p.mistake.quote, says: p.mistake.says } } : {}),
      ...(p.fix !== undefined ? { fix: p.fix } : {}),
    };
  });
  return { policies, podAddresses };
}

/** The entry's manifest text: inline (`manifest:`) or a policy file (`file:`), exactly one; empty when neither can be read. */
function manifestText(p: RawPolicy, path: PathSegment[], ctx: ConvertContext): ManifestText {
  const field = [...path, p.manifest !== undefined ? 'manifest' : 'file'];
  const none = { text: '', file: ctx.document.file, lineOffset: 0, field };
  if ((p.file === undefined) === (p.manifest === undefined)) {
    ctx.report(path, 'give exactly one of "manifest" (inline) or "file"');
    return none;
  }
  if (p.manifest !== undefined) {
    const node = ctx.document.node(field);
    const header = ctx.document.src.position(node).line;
    // A block scalar (`manifest: |`) starts on the line after its header.
    const lineOffset =
      isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? header : header - 1;
    return { ...none, text: p.manifest, lineOffset };
  }
  const file = p.file as string;
  const read = ctx.readPolicyFile(ctx.document.file, file);
  if (!read) ctx.report(field, `cannot read policy file "${excerpt(file)}"`);
  else if ('problem' in read) {
    ctx.report(
      field,
      `policy file "${excerpt(file)}" is not usable: ${read.path}${read.problem.line > 0 ? `:${read.problem.line}:${read.problem.column}` : ''}: ${read.problem.message}`,
    );
  } else return { ...none, text: read.text, file: read.path };
  return none;
}
