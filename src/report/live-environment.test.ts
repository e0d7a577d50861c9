import { expect } from 'chai';
import type { EnvironmentReport } from '../engine/environment/environment-watch.js';
import type { ScenarioRun } from '../engine/types.js';
import { renderEnvironmentConsole, renderEnvironmentMarkdown } from './live-environment.js';
import { liveProbeJson } from './live-json.js';
import { colors } from './table.js';

const T = Date.UTC(2026, 10, 29, 12, 1, 7);
const environment: EnvironmentReport = {
  dependencies: [
    {
      role: 'cni',
      kind: 'DaemonSet',
      namespace: 'kube-system',
      name: 'calico-node',
      podSelector: { 'k8s-app': 'calico-node' },
    },
  ],
  nodes: ['kind-control-plane'],
  faults: [
    {
      kind: 'state',
      key: 'kube-system/calico-node@kind-control-plane',
      subject: 'calico-node on node kind-control-plane',
      state: 'not ready',
      detail: 'no calico-node pod on the node',
      fromMs: T,
      toMs: T + 33_000,
    },
  ],
  startedMs: T - 60_000,
  endedMs: T + 60_000,
};

/** Two records: one a fault made inconclusive, one untouched (only the fields the report reads). */
const runs = [
  {
    records: [
      {
        live: {
          environment: {
            verdictBefore: {
              verdict: 'enforcement-mismatch',
              reason: 'the spec says blocked, the cluster did allowed',
            },
          },
        },
      },
      { live: {} },
    ],
  },
] as unknown as ScenarioRun[];

describe('live report: the environment at the top', () => {
  it('console: the fault, how many verdicts it voided, what was watched', () => {
    expect(renderEnvironmentConsole(environment, runs, colors(false)).split('\n')).to.deep.equal([
      'environment NOT healthy during the run: 1 verdict observed after the fault began is inconclusive, and the run exits 3',
      '  ✗ calico-node on node kind-control-plane not ready from 12:01:07 to 12:01:40 (no calico-node pod on the node)',
      '  watched: node kind-control-plane; calico-node (DaemonSet kube-system); times UTC',
    ]);
    expect(renderEnvironmentConsole({ ...environment, faults: [] }, runs, colors(false))).to.equal(
      'environment: healthy throughout the run (watched: node kind-control-plane; calico-node (DaemonSet kube-system))',
    );
    expect(renderEnvironmentConsole({ ...environment, dependencies: [], faults: [] }, runs, colors(false))).to.equal(
      'environment: healthy throughout the run (watched: node kind-control-plane; no CNI agent recognised, so its health was not watched)',
    );
  });

  it('Markdown: the same, as a paragraph and a list', () => {
    expect(renderEnvironmentMarkdown(environment, runs)).to.deep.equal([
      '**Environment not healthy during the run**: 1 verdict observed after the fault began is inconclusive (exit 3). Times UTC.',
      '',
      '- calico-node on node kind-control-plane not ready from 12:01:07 to 12:01:40 (no calico-node pod on the node)',
      '',
      'Watched: node kind-control-plane; calico-node (DaemonSet kube-system).',
      '',
    ]);
  });

  it('JSON: when the probe was observed, and the verdict it would have had', () => {
    const record = {
      scenario: 's',
      scenarioFile: 'f',
      step: 'deny',
      stepIndex: 1,
      from: 'a',
      to: 'web',
      port: 80,
      protocol: 'TCP',
      tool: 'nc',
      documented: ['blocked'],
      provenance: { kind: 'derived' },
      model: { outcome: 'blocked', explanation: [] },
      expectation: { line: 3 },
      verdict: {
        verdict: 'inconclusive',
        reason: 'environment: calico-node on node kind-control-plane not ready from 12:01:07 to 12:01:40',
      },
      live: {
        key: 'k',
        sent: true,
        history: ['allowed'],
        outcome: 'allowed',
        flaky: false,
        observedMs: [{ fromMs: T, toMs: T + 2500 }],
        environment: { verdictBefore: { verdict: 'enforcement-mismatch', reason: 'x' } },
      },
    };
    const json = liveProbeJson(record as never, 'r1');
    expect(json).to.deep.include({
      verdict: 'inconclusive',
      verdictBeforeEnvironment: 'enforcement-mismatch',
      observed: [{ from: '2026-11-29T12:01:07.000Z', to: '2026-11-29T12:01:09.500Z' }],
    });
  });
});
