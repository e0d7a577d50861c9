import pLimit, { type LimitFunction } from 'p-limit';
import { classifyOutput } from './classify.js';
import { probeCommand, reproLine, shellQuote } from './command.js';
import { isOutsideSource } from './outside-transport.js';
import type { CommandTransport } from './transport.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from './types.js';
import { debugLog } from '../debug-log.js';

const debug = debugLog('probe');

/** Runs probes in the client pods through a transport (agent sessions or one exec each), at most `concurrency` at a time across every caller. */
export class ClusterProbeRunner implements ProbeRunner {
  readonly kind = 'cluster' as const;
  private readonly limit: LimitFunction;

  constructor(
    private readonly transport: CommandTransport,
    concurrency: number,
  ) {
    this.limit = pLimit(concurrency);
  }

  get mode(): CommandTransport['mode'] {
    return this.transport.mode;
  }

  run(jobs: readonly ProbeJob[], started?: (index: number) => void): Promise<ProbeResult[]> {
    return Promise.all(
      jobs.map((job, i) =>
        this.limit(async () => {
          started?.(i);
          const result = await this.runOne(job);
          debug(
            '%s/%s → %s:%d/%s (%s): %s in %d ms',
            job.from.namespace,
            job.from.pod,
            job.host,
            job.port,
            job.protocol,
            job.tool,
            result.outcome,
            result.durationMs,
          );
          return result;
        }),
      ),
    );
  }

  release(namespaces: readonly string[]): Promise<void> {
    return this.transport.release(namespaces);
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async runOne(job: ProbeJob): Promise<ProbeResult> {
    const cmd = probeCommand(job);
    if ('unsupported' in cmd) {
      return {
        outcome: 'check-failed',
        detail: cmd.unsupported,
        command: [],
        output: '',
        attempts: 0,
        durationMs: 0,
        repro: '',
      };
    }
    const { namespace, pod, container } = job.from;
    const repro = isOutsideSource(job.from)
      ? ['docker', 'exec', pod, ...cmd.argv].map(shellQuote).join(' ')
      : reproLine(namespace, pod, container, cmd.argv);
    const started = Date.now();
    const d = await this.transport.run(job.from, cmd.argv, job.timeoutSeconds);
    const transport = { via: d.via, ...(d.note ? { transportNote: d.note } : {}) };
    if (!d.ok) {
      return {
        outcome: 'check-failed',
        detail: d.reason,
        command: cmd.argv,
        output: d.reason,
        attempts: d.attempts,
        durationMs: Date.now() - started,
        repro,
        ...transport,
      };
    }
    const res = d.result;
    return {
      ...classifyOutput(job.tool, job.protocol, res),
      command: cmd.argv,
      exitCode: res.exitCode,
      output: [res.stdout, res.stderr].filter(Boolean).join(''),
      attempts: d.attempts,
      durationMs: Date.now() - started,
      ...(res.toolMs === undefined ? {} : { toolMs: res.toolMs }),
      ...(res.toolStartedMs === undefined ? {} : { toolStartedMs: res.toolStartedMs }),
      repro,
      ...transport,
    };
  }
}
