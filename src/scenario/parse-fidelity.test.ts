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

describe('scenario: pod updates (update:)', () => {
  const named = fidelityBase.replace('    ports: [{ containerPort: 80 }]\n', '    ports: [{ name: http, containerPort: 80 }]\n    listen: [80, 8080]\n');

  it('reads new ports, new listening ports and restarts', () => {
    const text = named + 'steps:\n  - name: one\n    derived: true\n    update:\n      - { pod: web, ports: [{ name: http, containerPort: 8080 }] }\n  - name: two\n    derived: true\n    update:\n      - { pod: web, listen: ["8080/TCP"] }\n      - { pod: c, restart: true }\n';
    const s = parseScenario('s.yaml', text, noFiles);
    expect(s.steps.map((st) => st.update)).to.deep.equal([
      [{ name: 'web', namespace: 'default', containerPorts: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }], restartOnly: false, line: 22 }],
      [
        { name: 'web', namespace: 'default', listening: [{ port: 8080, protocol: 'TCP' }], restartOnly: false, line: 26 },
        { name: 'c', namespace: 'default', restartOnly: true, line: 27 },
      ],
    ]);
  });

  it('reports updates that change nothing, say restart with ports, name no pod, or repeat a pod', () => {
    const text = named + 'steps:\n  - name: one\n    derived: true\n    update:\n      - { pod: web }\n      - { pod: web, ports: [], restart: true }\n      - { pod: ghost, restart: true }\n      - { pod: c, restart: true, colour: red }\n';
    expect(problemsOf(text)).to.deep.equal([
      's.yaml:25:34: steps[0].update[3].colour: unknown field "colour" (known fields: pod, namespace, ports, listen, restart)',
    ]);
    const text2 = named + 'steps:\n  - name: one\n    derived: true\n    update:\n      - { pod: web }\n      - { pod: web, ports: [], restart: true }\n      - { pod: ghost, restart: true }\n';
    expect(problemsOf(text2)).to.deep.equal([
      's.yaml:22:9: steps[0].update[0]: say what changes: "ports", "listen", or "restart: true"',
      's.yaml:23:16: steps[0].update[1].pod: pod default/web is updated twice in one step: give one entry',
      's.yaml:23:41: steps[0].update[1].restart: a pod whose ports change is replaced, so restarted, anyway: drop "restart"',
      's.yaml:24:16: steps[0].update[2].pod: no pod "ghost" in this scenario',
    ]);
  });
});

describe('scenario: pods with several containers, and localhost', () => {
  const two = fidelityBase.replace(
    '    image: nginx\n    labels: { app: web }\n    ports: [{ containerPort: 80 }]\n',
    '    labels: { app: web }\n    containers:\n      - { name: nginx, image: nginx, ports: [{ name: http, containerPort: 80 }] }\n      - { name: metrics, image: api-image, ports: [{ name: metrics, containerPort: 9090 }], listen: [9090, 9091] }\n',
  );

  it('reads the containers; the pod has their ports together, and its first container leads', () => {
    const s = parseScenario('s.yaml', two + 'steps:\n  - name: one\n    derived: true\n    expect:\n      - web -> localhost:9091 allowed\n      - { from: web, to: "http://localhost:80", expect: allowed }\n', noFiles);
    const web = s.pods[0];
    expect([web?.containerName, web?.image]).to.deep.equal(['nginx', 'nginx']);
    expect(web?.containers?.map((c) => c.name)).to.deep.equal(['nginx', 'metrics']);
    expect(web?.containerPorts.map((p) => `${p.name}=${p.containerPort}`)).to.deep.equal(['http=80', 'metrics=9090']);
    expect(web?.listening.map((l) => l.port)).to.deep.equal([80, 9090, 9091]);
    expect(s.steps[0]?.expectations.map((e) => [e.target, e.port, e.tool])).to.deep.equal([
      [{ kind: 'localhost' }, 9091, 'nc'],
      [{ kind: 'localhost' }, 80, 'wget'],
    ]);
  });

  it('refuses single-container fields beside containers, clashing listeners, duplicate or reserved names, and port updates', () => {
    const bad = fidelityBase.replace(
      '    image: nginx\n    labels: { app: web }\n    ports: [{ containerPort: 80 }]\n',
      '    image: nginx\n    labels: { app: web }\n    containers:\n      - { name: a, image: nginx, ports: [{ containerPort: 80 }] }\n      - { name: a, image: api-image, listen: [80] }\n      - { name: nph-probe, image: alpine }\n',
    );
    expect(problemsOf(bad + 'steps:\n  - name: one\n    derived: true\n    update:\n      - { pod: web, listen: [81] }\n')).to.deep.equal([
      's.yaml:7:12: workloads[0].image: give "image" on a container: this pod declares "containers"',
      's.yaml:10:7: workloads[0].containers: containers a and a both listen on 80/TCP, in one network namespace',
      's.yaml:11:17: workloads[0].containers[1].name: duplicate container name "a"',
      's.yaml:12:17: workloads[0].containers[2].name: "nph-probe" is the name of the harness\'s probe sidecar: choose another',
      's.yaml:24:9: steps[0].update[0]: pod default/web declares containers: only "restart: true" is supported for it',
    ]);
  });
});
