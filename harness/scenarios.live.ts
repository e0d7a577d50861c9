// The corpus as mocha suites: one suite per scenario, one test per expectation, so any mocha
// reporter (spec, junit, json) shows the live runs. `npm run test:live`; skips without a cluster.
import { expect } from 'chai';
import { describeFault } from '../src/engine/environment/environment-health.js';
import type { EnvironmentReport } from '../src/engine/environment/environment-watch.js';
import { DEFAULT_PARALLEL_SCENARIOS } from '../src/engine/run/run-corpus.js';
import { DEFAULT_LIVE_OPTIONS } from '../src/engine/run/run-scenario.js';
import type { LiveRecord, ScenarioRun } from '../src/engine/types.js';
import { LiveSession } from '../src/live/session.js';
import { DEFAULT_CONCURRENCY, type ProbeMode } from '../src/probe/create-runner.js';
import { loadScenarios } from '../src/scenario/load.js';
import { reachCluster } from './connect.js';

const SCENARIO_PATHS = (process.env.NETPOL_HARNESS_SCENARIOS ?? 'scenarios').split(',');
const PROBE_MODE: ProbeMode = process.env.NETPOL_HARNESS_PROBE_MODE === 'exec' ? 'exec' : 'session';
const CONCURRENCY = Number(process.env.NETPOL_HARNESS_CONCURRENCY ?? DEFAULT_CONCURRENCY[PROBE_MODE]);
const PARALLEL = Number(process.env.NETPOL_HARNESS_PARALLEL ?? DEFAULT_PARALLEL_SCENARIOS);
/** NETPOL_HARNESS_WORLD=per-case: every scenario in a world of its own (default shared, as `run`). */
const WORLD = process.env.NETPOL_HARNESS_WORLD === 'per-case' ? 'per-case' : 'shared';
const log = (s: string) => process.stderr.write(`${s}\n`);
/**
 * What each test asserts. `document` (the default): the verdict is pass, so a document's wrong
 * claim fails its test. `spec`: the cluster did what the NetworkPolicy spec says, so a document
 * defect the model predicts passes and an enforcement mismatch fails: what CI checks, since the
 * corpus keeps the documents' wrong claims on purpose (they are docs/findings.md).
 */
const EXPECT: 'document' | 'spec' = process.env.NETPOL_HARNESS_EXPECT === 'spec' ? 'spec' : 'document';

const scenarios = loadScenarios(SCENARIO_PATHS);
const runs = new Map<string, ScenarioRun>();
let environment: EnvironmentReport | undefined;

function explain(r: LiveRecord): string {
  const lines = [
    `${r.verdict.verdict}: ${r.verdict.reason}`,
    `document ${r.documented.join('|')}, model ${r.model.outcome}, live ${r.live.outcome}${r.live.reason ? ` (${r.live.reason})` : ''}`,
  ];
  if (r.live.result?.repro) lines.push(`repro: ${r.live.result.repro}`);
  return lines.join('\n');
}

// The run exactly as `netpol-harness run` does it (one LiveSession: preflight alongside the setup,
// stand-ins on kind, the environment watched, each scenario cleaned up as it ends).
before(async function () {
  this.timeout(0);
  const reached = await reachCluster();
  if ('skip' in reached) {
    log(`skipping the live suites: ${reached.skip}`);
    this.skip();
    return;
  }
  log(
    `cluster: ${reached.description}${reached.kindName ? '' : ' (not a kind cluster here: outside addresses are not sent)'}`,
  );
  await using session = LiveSession.start(reached, {
    probeMode: PROBE_MODE,
    concurrency: CONCURRENCY,
    probeTimeoutSeconds: DEFAULT_LIVE_OPTIONS.probeTimeoutSeconds,
    offline: process.env.NETPOL_HARNESS_ONLINE !== '1',
    retain: process.env.NETPOL_HARNESS_RETAIN === '1',
    /** NETPOL_HARNESS_SKIP_PREFLIGHT=1: run without first proving that the cluster enforces NetworkPolicy. */
    preflight: process.env.NETPOL_HARNESS_SKIP_PREFLIGHT !== '1',
    progress: log,
  });
  const run = await session.run(scenarios, { parallel: PARALLEL, world: WORLD });
  if (run.outcome === 'preflight-failed')
    throw new Error('the preflight failed (above); NETPOL_HARNESS_SKIP_PREFLIGHT=1 runs anyway');
  environment = run.environment;
  for (const r of run.runs) runs.set(r.scenario.name, r);
});

describe('environment', () => {
  it('what enforcement depends on stayed healthy during the run', function () {
    if (!environment) return this.skip();
    expect(
      environment.faults.map((f) => `${describeFault(f)}${f.detail ? ` (${f.detail})` : ''}`),
      'verdicts observed after these faults are inconclusive (times UTC)',
    ).to.deep.equal([]);
  });
});

for (const scenario of scenarios) {
  describe(`${scenario.name}: ${scenario.title}`, () => {
    scenario.steps.forEach((step, stepIndex) => {
      step.expectations.forEach((e, i) => {
        const title = `[${step.name}] ${e.from.name} -> ${e.targetText} (${e.tool}) is ${e.expected.join('|')}`;
        it(title, function () {
          const run = runs.get(scenario.name);
          if (!run) return this.skip();
          if (run.error) expect.fail(`scenario could not run: ${run.error}`);
          const record = run.records.filter((r) => r.stepIndex === stepIndex)[i];
          if (!record) expect.fail('no live record for this expectation');
          if (record.verdict.verdict === 'inconclusive' || record.verdict.verdict === 'not-sent') {
            log(`  ${record.verdict.verdict}: ${title}: ${record.verdict.reason}`);
            return this.skip();
          }
          if (EXPECT === 'spec')
            expect(['pass', 'document-defect', 'derived-contradiction'], explain(record)).to.include(
              record.verdict.verdict,
            );
          else expect(record.verdict.verdict, explain(record)).to.equal('pass');
        });
      });
    });
  });
}
