import type { RunCommand } from '../cluster/run-command.js';
import { OUTSIDE_SOURCE_NAMESPACE } from '../model/probe.js';
import type { CommandTransport, Delivery, ProbeSource } from './transport.js';

/** Time a `docker exec` gets beyond the tool's own timeout. */
export const DOCKER_EXEC_GRACE_SECONDS = 30;

/** Is this probe source a stand-in outside the cluster (`pod` is then its container's name)? */
export function isOutsideSource(from: ProbeSource): boolean {
  return from.namespace === OUTSIDE_SOURCE_NAMESPACE;
}

/**
 * Carries probes from outside the cluster: a source whose namespace is the outside marker is a
 * Docker container on the kind network, reached by `docker exec`; every other source goes
 * through the inner transport (sessions or kube exec).
 */
export class OutsideAwareTransport implements CommandTransport {
  constructor(
    private readonly inner: CommandTransport,
    private readonly docker: RunCommand,
  ) {}

  get mode(): CommandTransport['mode'] {
    return this.inner.mode;
  }

  async run(from: ProbeSource, argv: readonly string[], toolTimeoutSeconds: number): Promise<Delivery> {
    if (!isOutsideSource(from)) return this.inner.run(from, argv, toolTimeoutSeconds);
    const started = Date.now();
    try {
      const r = await this.docker('docker', ['exec', from.pod, ...argv], {
        timeoutMs: (toolTimeoutSeconds + DOCKER_EXEC_GRACE_SECONDS) * 1000,
      });
      return {
        ok: true,
        result: { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, durationMs: Date.now() - started },
        attempts: 1,
        via: 'exec',
        note: 'sent from outside the cluster by docker exec',
      };
    } catch (err) {
      return {
        ok: false,
        reason: `docker exec in ${from.pod} failed: ${err instanceof Error ? err.message : String(err)}`,
        attempts: 1,
        via: 'exec',
      };
    }
  }

  release(namespaces: readonly string[]): Promise<void> {
    return this.inner.release(namespaces);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
