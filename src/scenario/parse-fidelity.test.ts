import { expect } from 'chai';
import { parseScenario } from './parse.js';
import { formatProblem, InputError } from './problems.js';

// Loader tests for the fidelity features (telnet, pod updates, containers, API steps, the outside host).
const noFiles = () => undefined;

export const fidelityBase = `apiVersion: netpol-harness/v1
kind: Scenario
name: t
source: { file: doc.txt, section: Intro }
workloads:
  - name: web
    image: nginx
    labels: { app: web }
    ports: [{ containerPort: 80 }]
clients:
  - name: c
    image: alpine
services:
  - name: web
    selector: { app: web }
    ports: [{ port: 80 }]
`;

export function problemsOf(text: string): string[] {
  try {
    parseScenario('s.yaml', text, noFiles);
    return [];
  } catch (err) {
    if (err instanceof InputError) return err.problems.map(formatProblem);
    throw err;
  }
}

describe('scenario: the telnet tool', () => {
  it('probes HOST:PORT over TCP, in compact rows and mappings', () => {
    const text = fidelityBase + 'steps:\n  - name: one\n    derived: true\n    expect:\n      - c -> web:80 allowed telnet\n      - { from: c, to: "pod/web", port: 80, tool: telnet, expect: allowed }\n';
    const s = parseScenario('s.yaml', text, noFiles);
    expect(s.steps[0]?.expectations.map((e) => [e.tool, e.port, e.protocol])).to.deep.equal([
      ['telnet', 80, 'TCP'],
      ['telnet', 80, 'TCP'],
    ]);
  });

  it('rejects UDP and URLs', () => {
    const text = fidelityBase + 'steps:\n  - name: one\n    derived: true\n    expect:\n      - c -> web:53/udp allowed telnet\n      - c -> http://web allowed telnet\n';
    expect(problemsOf(text)).to.deep.equal([
      's.yaml:21:9: steps[0].expect[0]: telnet connects over TCP; use nc for UDP',
      's.yaml:22:9: steps[0].expect[1]: telnet connects to HOST:PORT, not a URL: write the target as host:port',
    ]);
  });
});
