import type { RunRecord } from './records.js';

/** A `run --json` record as the harness writes it, with the fields a test cares about overridden. */
export function runRecord(over: Partial<RunRecord> = {}): RunRecord {
  return {
    scenario: 'e2e-tcp-ports',
    scenarioFile: 'scenarios/conformance/tcp-ports.yaml',
    line: 70,
    step: 'allow y on 81',
    stepIndex: 0,
    from: 'x/b',
    to: 'svc-ip/x/s-x-a:81',
    port: 81,
    protocol: 'TCP',
    tool: 'nc',
    documented: ['blocked', 'refused'],
    model: 'blocked',
    explanation: [
      'to the cluster IP of service x/s-x-a',
      'egress from x/b: not isolated (no policy selects it for Egress), allowed',
      'ingress to x/a: isolated by allow-client-a-via-ns-selector; no rule allows it (allow-client-a-via-ns-selector ingress[0]: namespace x does not match namespaceSelector kubernetes.io/metadata.name=y)',
    ],
    verdict: 'pass',
    runId: 'aaaaaa-0',
    live: 'blocked',
    liveReason: 'nc: connect to 10.96.0.12 port 81 (tcp) timed out: Operation now in progress',
    flaky: false,
    repro: 'kubectl exec -n e2e-tcp-ports-aaaaaa-0-x b -c nph-probe -- nc -vz -w 2 10.96.0.12 81',
    at: 1,
    ...over,
  };
}

/** The JSON line `run --json` would have written for it. */
export function jsonLine(r: RunRecord): string {
  const { at: _at, ...fields } = r;
  return JSON.stringify(fields);
}
