import { randomBytes } from 'node:crypto';
import type { RunCommand } from '../cluster/program-runner.js';
import { OUTSIDE_SOURCE_NAMESPACE } from '../model/probe.js';
import { ClockOffset } from './clock-offset.js';
import type { CommandTransport, Delivery, ProbeSource } from './transport.js';

/** Time a `docker exec` gets beyond the tool's own timeout. */
export const DOCKER_EXEC_GRACE_SECONDS = 30;

/** Is this probe source a stand-in outside the cluster (`pod` is then its container's name)? */
export function isOutsideSource(from: ProbeSource): boolean {
  return from.namespace === OUTSIDE_SOURCE_NAMESPACE;
}

/**
 * The probe's command, wrapped so that the stand-in's shell reads its clock (/proc/uptime) before
 * and after the tool and adds both, marked with `nonce`, as the last line of stderr: the probe is
 * timed in the container, as a probe session times it. The command itself runs unchanged.
 */
export function timedCommand(argv: readonly string[], nonce: string): string[] {
  const script = [
    'read a _ </proc/uptime 2>/dev/null || a=-',
    '"$@"',
    'rc=$?',
    'read b _ </proc/uptime 2>/dev/null || b=-',
    `printf '\\nNPHTIME ${nonce} %s %s\\n' "$a" "$b" >&2`,
    'exit $rc',
  ].join('; ');
  return ['sh', '-c', script, 'sh', ...argv];
}

/**
 * The tool's own stderr, and its start and run time on the stand-in's clock, from the stderr of a
 * timedCommand (read as `docker exec` gives it, its final newline stripped); the stderr as it came
 * when the line is not there (the wrapper did not run to its end).
 */
export function splitTimedStderr(stderr: string, nonce: string): { stderr: string; startCs?: number; toolMs?: number } {
  const m = new RegExp(`(?:^|\\n)NPHTIME ${nonce} (\\d+)\\.(\\d\\d) (\\d+)\\.(\\d\\d)$`).exec(stderr);
  if (!m) return { stderr };
  const cs = (whole: string | undefined, hundredths: string | undefined) => Number(whole) * 100 + Number(hundredths);
  const startCs = cs(m[1], m[2]);
  const endCs = cs(m[3], m[4]);
  // what the tool wrote, with its final newline stripped as docker exec's output is
  const own = stderr.slice(0, m.index).replace(/\n$/, '');
  return { stderr: own, startCs, toolMs: (endCs - startCs) * 10 };
}

/**
 * Carries probes from outside the cluster: a source whose namespace is the outside marker is a
 * Docker container on the kind network, reached by `docker exec`; every other source goes
 * through the inner transport (sessions or kube exec).
 */
export class OutsideAwareTransport implements CommandTransport {
  /** Each stand-in's clock against ours, learnt from every probe it sent. */
  private readonly clocks = new Map<string, ClockOffset>();

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
    const nonce = randomBytes(6).toString('hex');
    try {
      const r = await this.docker('docker', ['exec', from.pod, ...timedCommand(argv, nonce)], {
        timeoutMs: (toolTimeoutSeconds + DOCKER_EXEC_GRACE_SECONDS) * 1000,
      });
      const received = Date.now();
      const timed = splitTimedStderr(r.stderr, nonce);
      let clock = this.clocks.get(from.pod);
      if (!clock) this.clocks.set(from.pod, (clock = new ClockOffset()));
      const placed = timed.startCs === undefined ? undefined : clock.place(timed.startCs, started, received);
      return {
        ok: true,
        result: {
          exitCode: r.exitCode,
          stdout: r.stdout,
          stderr: timed.stderr,
          durationMs: received - started,
          ...(timed.toolMs === undefined ? {} : { toolMs: timed.toolMs }),
          ...(placed ? { toolStartedMs: placed } : {}),
        },
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
