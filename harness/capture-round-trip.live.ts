// Capture's promise, on the live cluster: run corpus scenarios and keep their namespaces, capture
// them (read-only), run the captured file, and compare the live answers cell by cell with the
// original run's last step. `npm run test:live`; skips without a cluster.
import { expect } from 'chai';
import { captureCluster } from '../src/capture/capture-cluster.js';
import { ClientClusterReader } from '../src/capture/client-reader.js';
import { compareLiveRuns } from '../src/capture/compare-live.js';
import { cleanUpRun } from '../src/engine/run/run-corpus.js';
import { DEFAULT_LIVE_OPTIONS } from '../src/engine/run/run-scenario.js';
import type { ScenarioRun } from '../src/engine/types.js';
import type { KubeClient } from '../src/kube/types.js';
import { LiveSession, type LiveRunResult } from '../src/live/session.js';
import { loadScenarios } from '../src/scenario/load.js';
import { parseScenario } from '../src/scenario/parse.js';
import { reachCluster } from './connect.js';

const ROUND_TRIP = (
  process.env.NETPOL_HARNESS_ROUND_TRIP ?? 'scenarios/001-mistake-5-namespace-scope.yaml,scenarios/004-exercise-4.yaml'
).split(',');
const log = (s: string) => process.stderr.write(`${s}\n`);

function completed(run: LiveRunResult): ScenarioRun[] {
  if (run.outcome !== 'ran') throw new Error('the run did not run (no preflight was asked for)');
  return run.runs;
}

describe('capture round trip: a captured namespace, re-run from its file, gives the original live answers', function () {
  this.timeout(0);
  const originals = loadScenarios(ROUND_TRIP);
  let kube: KubeClient | undefined;
  const retained: string[] = [];
  const runs = new Map<string, { original: ScenarioRun; captured?: ScenarioRun }>();

  before(async function () {
    const reached = await reachCluster();
    if ('skip' in reached) {
      log(`skipping the capture round trip: ${reached.skip}`);
      this.skip();
      return;
    }
    kube = reached.kube;
    // Two sessions as `run` makes them: the original keeps its namespaces to be captured (--retain).
    const session = (retain: boolean) =>
      LiveSession.start(reached, {
        probeMode: 'session',
        probeTimeoutSeconds: DEFAULT_LIVE_OPTIONS.probeTimeoutSeconds,
        offline: true,
        retain,
        preflight: false,
        progress: log,
      });
    let originalRuns: ScenarioRun[];
    {
      await using retaining = session(true);
      originalRuns = completed(await retaining.run(originals, { parallel: 2 }));
    }
    retained.push(...originalRuns.map((r) => r.runId));
    const captured = [];
    for (const run of originalRuns) {
      runs.set(run.scenario.name, { original: run });
      const { text } = await captureCluster(
        new ClientClusterReader(reached.kubeConfig),
        { scope: { kind: 'named', names: run.namespaces.map((n) => n.real) } },
        {
          name: `${run.scenario.name}-captured`.slice(0, 63).replace(/-+$/, ''),
          from: 'the round trip',
          at: new Date().toISOString(),
          file: `${run.scenario.name}-captured.yaml`,
        },
      );
      captured.push(parseScenario(`${run.scenario.name}-captured.yaml`, text, () => undefined));
    }
    await using deleting = session(false);
    const capturedRuns = completed(await deleting.run(captured, { parallel: 2 }));
    capturedRuns.forEach((run, i) => {
      const entry = runs.get((originalRuns[i] as ScenarioRun).scenario.name);
      if (entry) entry.captured = run;
    });
  });

  after(async function () {
    if (kube) for (const id of retained) await cleanUpRun(kube, id, false, log);
  });

  for (const scenario of originals) {
    it(`${scenario.name}: every cell both runs probed has the same live answer`, function () {
      const entry = runs.get(scenario.name);
      if (!entry?.captured) return this.skip();
      expect(entry.original.error, 'the original run').to.equal(undefined);
      expect(entry.captured.error, 'the captured run').to.equal(undefined);
      const failed = entry.captured.records.filter((r) => r.verdict.verdict !== 'pass');
      expect(
        failed.map((r) => `${r.from} -> ${r.to}: model ${r.model.outcome}, live ${r.live.outcome}`),
        "the captured file's own expectations",
      ).to.deep.equal([]);
      const cmp = compareLiveRuns(entry.original.records, entry.captured.records);
      log(
        `${scenario.name}: ${cmp.same.length} cells the same, ${cmp.different.length} different, ${cmp.onlyOriginal} only in the original, ${cmp.onlyCaptured} only in the capture`,
      );
      expect(cmp.different).to.deep.equal([]);
      expect(cmp.same.length, 'cells in common').to.be.greaterThan(0);
    });
  }
});
