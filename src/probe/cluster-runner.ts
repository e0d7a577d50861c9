import pLimit, { type LimitFunction } from 'p-limit';
import type { KubeClient } from '../kube/types.js';
import { classifyOutput } from './classify.js';
import { probeCommand, reproLine } from './command.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from './types.js';

/** Extra time the exec gets beyond the tool's own timeout (name resolution, exec round trip). */
export const EXEC_GRACE_SECONDS = 30;
/** An exec that fails in transport (not the tool) is tried this many times in all. */
export const EXEC_ATTEMPTS = 2;

/** Runs probes by exec in the client pods, at most `concurrency` at a time across every caller. */
export class ClusterProbeRunner implements ProbeRunner {
  readonly kind = 'cluster' as const;
  private readonly limit: LimitFunction;

  constructor(
    private readonly kube: KubeClient,
    concurrency: number,
  ) {
    this.limit = pLimit(concurrency);
  }

  run(jobs: readonly ProbeJob[]): Promise<ProbeResult[]> {
    return Promise.all(jobs.map((job) => this.limit(() => this.runOne(job))));
  }

  private async runOne(job: ProbeJob): Promise<ProbeResult> {
    const cmd = probeCommand(job);
    if ('unsupported' in cmd) {
      return { outcome: 'check-failed', detail: cmd.unsupported, command: [], output: '', attempts: 0, durationMs: 0, repro: '' };
    }
    const { namespace, pod, container } = job.from;
    const repro = reproLine(namespace, pod, container, cmd.argv);
    const started = Date.now();
    let lastError = '';
    for (let attempt = 1; attempt <= EXEC_ATTEMPTS; attempt++) {
      try {
        const res = await this.kube.exec({ namespace, name: pod }, container, cmd.argv, (job.timeoutSeconds + EXEC_GRACE_SECONDS) * 1000);
        const classified = classifyOutput(job.tool, job.protocol, res);
        return {
          ...classified,
          command: cmd.argv,
          exitCode: res.exitCode,
          output: [res.stdout, res.stderr].filter(Boolean).join(''),
          attempts: attempt,
          durationMs: Date.now() - started,
          repro,
        };
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
      }
    }
    return {
      outcome: 'check-failed',
      detail: `exec into ${namespace}/${pod} -c ${container} failed: ${lastError}`,
      command: cmd.argv,
      output: lastError,
      attempts: EXEC_ATTEMPTS,
      durationMs: Date.now() - started,
      repro,
    };
  }
}
