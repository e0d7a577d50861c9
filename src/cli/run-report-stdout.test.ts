import { expect } from 'chai';
import { runInSession } from '../testing/live-session.js';
import { readFileSync } from 'node:fs';
import { FakeKubeClient } from '../testing/fake-kube.js';
import { parseScenario } from '../scenario/parse.js';
import { reportRuns, type RunOptions } from './run-command.js';

describe('run: --json - puts the records on stdout and the report on stderr', () => {
  it('keeps stdout for results', async () => {
    const scenario = parseScenario('ok.yaml', readFileSync('src/cli/testdata/good/ok.yaml', 'utf8'), () => undefined);
    const kube = new FakeKubeClient({ exec: () => ({ stdout: '<!DOCTYPE html>' }) });
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s), colorOut: false };
    const opts: RunOptions = { concurrency: 2, parallel: 2, timeout: 2, color: false, probeMode: 'session', json: '-' };
    const fast = {
      stabilize: { deadlineSeconds: 0, settleSeconds: 0, intervalMs: 0, maxInFlightPerCell: 1 },
      podPollIntervalMs: 0,
      podReadyTimeoutSeconds: 1,
    };
    const run = await runInSession([scenario], kube, opts, io.err, fast);
    expect(reportRuns(run, opts, io)).to.equal(1); // the fake lets everything through: other → web is not blocked
    const [header, ...records] = out
      .join('\n')
      .split('\n')
      .map((l) => JSON.parse(l) as { kind?: string; scenario: string; runId: string; shape?: { nodes: number } });
    expect(header).to.include({ kind: 'run', runId: run.runId });
    expect(header?.shape).to.include({ cni: 'unknown', nodes: 1, probeMode: 'session', images: 'offline' });
    expect(records).to.have.length(4);
    expect(records.every((r) => r.scenario === 'ok')).to.equal(true);
    expect(err.join('\n')).to.match(/summary: 1 scenarios, 4 expectations/);
  });
});
