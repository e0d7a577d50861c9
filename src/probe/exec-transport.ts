import type { KubeClient } from '../kube/types.js';
import type { CommandTransport, Delivery, ProbeSource } from './transport.js';

/** Extra time an exec gets beyond the tool's own timeout (name resolution, exec round trip). */
export const EXEC_GRACE_SECONDS = 30;
/** An exec that fails in transport (not the tool) is tried this many times in all. */
export const EXEC_ATTEMPTS = 2;

/** One container exec per command (what the Kubernetes e2e suite and cyclonus do): simple, and costly for the node. */
export class ExecTransport implements CommandTransport {
  readonly mode = 'exec' as const;

  constructor(private readonly kube: KubeClient) {}

  async run(from: ProbeSource, argv: readonly string[], toolTimeoutSeconds: number): Promise<Delivery> {
    let lastError = '';
    for (let attempt = 1; attempt <= EXEC_ATTEMPTS; attempt++) {
      try {
        const result = await this.kube.exec(
          { namespace: from.namespace, name: from.pod },
          from.container,
          [...argv],
          (toolTimeoutSeconds + EXEC_GRACE_SECONDS) * 1000,
        );
        return { ok: true, result, attempts: attempt, via: 'exec' };
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
    }
    return {
      ok: false,
      reason: `exec into ${from.namespace}/${from.pod} -c ${from.container} failed: ${lastError}`,
      attempts: EXEC_ATTEMPTS,
      via: 'exec',
    };
  }

  async release(): Promise<void> {}
  async close(): Promise<void> {}
}
