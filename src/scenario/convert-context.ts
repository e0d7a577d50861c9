import type { ListeningPort, Protocol } from '../model/types.js';
import type { PathSegment } from '../problems.js';
import type { ScenarioDocument } from './decode.js';
import type { RawListen } from './raw.js';
import type { ScenarioPod } from './types.js';

/** Reads a policy file named by a scenario (relative to the scenario): its text, why it cannot be read, or undefined when it does not exist. */
export type ReadPolicyFile = (
  scenarioFile: string,
  relative: string,
) =>
  | { path: string; text: string }
  | { path: string; problem: { line: number; column: number; message: string } }
  | undefined;

/**
 * What every converter (convert-*.ts) shares: the decoded document, to say where a field is and
 * to report a problem there, and the readings several parts make the same way.
 */
export class ConvertContext {
  constructor(
    readonly document: ScenarioDocument,
    readonly readPolicyFile: ReadPolicyFile,
  ) {}

  report(path: PathSegment[], message: string): void {
    this.document.report(path, message);
  }

  line(path: PathSegment[]): number {
    return this.document.line(path);
  }

  /** `listen:` entries (of a pod, a container, an outside host, an update): `80`, `53/UDP` or `{ port, protocol }`. */
  readListen(listen: RawListen, path: PathSegment[]): ListeningPort[] {
    return listen.map((l, i) => {
      if (typeof l === 'object') return { port: l.port, protocol: l.protocol ?? 'TCP' };
      const m = /^(\d+)(?:\/(TCP|UDP|SCTP))?$/i.exec(String(l));
      if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) {
        this.report([...path, i], `cannot read "${l}": expected PORT or PORT/TCP|UDP|SCTP`);
        return { port: 0, protocol: 'TCP' as Protocol };
      }
      return { port: Number(m[1]), protocol: (m[2] ?? 'TCP').toUpperCase() as Protocol };
    });
  }

  /** The one pod `ref` (NAME, in `namespace` when given, or NAMESPACE/NAME) names; a problem at `path` when none or several. */
  findPod(
    ref: string,
    namespace: string | undefined,
    pods: readonly ScenarioPod[],
    path: PathSegment[],
  ): ScenarioPod | undefined {
    const [a, b] = ref.split('/');
    const [ns, name] = b !== undefined ? [a, b] : [namespace, a];
    const found = pods.filter((p) => p.name === name && (ns === undefined || p.namespace === ns));
    if (found.length === 1) return found[0];
    if (found.length === 0) this.report(path, `no pod "${ref}" in this scenario`);
    else
      this.report(
        path,
        `"${ref}" names pods in several namespaces (${found.map((p) => p.namespace).join(', ')}): write NAMESPACE/NAME`,
      );
    return undefined;
  }
}
