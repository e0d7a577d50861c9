import { evaluateProbe } from '../model/probe.js';
import type { World } from '../model/types.js';
import { probeCommand, reproLine } from './command.js';
import type { ProbeJob, ProbeResult, ProbeRunner } from './types.js';

/** Answers probes from the NetworkPolicy model of one world: same jobs in, same results out. */
export class ModelProbeRunner implements ProbeRunner {
  readonly kind = 'model' as const;

  constructor(private readonly world: World) {}

  run(jobs: readonly ProbeJob[]): Promise<ProbeResult[]> {
    return Promise.resolve(jobs.map((job) => this.runOne(job)));
  }

  private runOne(job: ProbeJob): ProbeResult {
    const started = Date.now();
    const result = evaluateProbe(this.world, job.logical);
    const cmd = probeCommand(job);
    const argv = 'argv' in cmd ? cmd.argv : [];
    return {
      outcome: result.outcome,
      detail: result.explanation[result.explanation.length - 1] ?? '',
      command: argv,
      output: result.explanation.join('\n'),
      attempts: 1,
      durationMs: Date.now() - started,
      repro: argv.length ? reproLine(job.from.namespace, job.from.pod, job.from.container, argv) : '',
    };
  }
}
