import { expect } from 'chai';
import { parseScenario } from './parse.js';
import { noFiles, problemsOf, SCENARIO_HEAD } from '../testing/scenario-text.js';

// Loader tests for the fidelity features (telnet, pod updates, containers, API steps, the outside host).
const fidelityBase = SCENARIO_HEAD;

describe('scenario: the telnet tool', () => {
  it('probes HOST:PORT over TCP, in compact rows and mappings', () => {
    const text =
      fidelityBase +
      'steps:\n  - name: one\n    derived: true\n    expect:\n      - c -> web:80 allowed telnet\n      - { from: c, to: "pod/web", port: 80, tool: telnet, expect: allowed }\n';
    const s = parseScenario('s.yaml', text, noFiles);
    expect(s.steps[0]?.expectations.map((e) => [e.tool, e.port, e.protocol])).to.deep.equal([
      ['telnet', 80, 'TCP'],
      ['telnet', 80, 'TCP'],
    ]);
  });

  it('rejects UDP and URLs', () => {
    const text =
      fidelityBase +
      'steps:\n  - name: one\n    derived: true\n    expect:\n      - c -> web:53/udp allowed telnet\n      - c -> http://web allowed telnet\n';
    expect(problemsOf(text)).to.deep.equal([
      's.yaml:21:9: steps[0].expect[0]: telnet connects over TCP; use nc for UDP',
      's.yaml:22:9: steps[0].expect[1]: telnet connects to HOST:PORT, not a URL: write the target as host:port',
    ]);
  });
});

describe('scenario: pod updates (update:)', () => {
  const named = fidelityBase.replace(
    '    ports: [{ containerPort: 80 }]\n',
    '    ports: [{ name: http, containerPort: 80 }]\n    listen: [80, 8080]\n',
  );

  it('reads new ports, new listening ports and restarts', () => {
    const text =
      named +
      'steps:\n  - name: one\n    derived: true\n    update:\n      - { pod: web, ports: [{ name: http, containerPort: 8080 }] }\n  - name: two\n    derived: true\n    update:\n      - { pod: web, listen: ["8080/TCP"] }\n      - { pod: c, restart: true }\n';
    const s = parseScenario('s.yaml', text, noFiles);
    expect(s.steps.map((st) => st.update)).to.deep.equal([
      [
        {
          name: 'web',
          namespace: 'default',
          containerPorts: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          restartOnly: false,
          line: 22,
        },
      ],
      [
        {
          name: 'web',
          namespace: 'default',
          listening: [{ port: 8080, protocol: 'TCP' }],
          restartOnly: false,
          line: 26,
        },
        { name: 'c', namespace: 'default', restartOnly: true, line: 27 },
      ],
    ]);
  });

  it('reports updates that change nothing, say restart with ports, name no pod, or repeat a pod', () => {
    const text =
      named +
      'steps:\n  - name: one\n    derived: true\n    update:\n      - { pod: web }\n      - { pod: web, ports: [], restart: true }\n      - { pod: ghost, restart: true }\n      - { pod: c, restart: true, colour: red }\n';
    expect(problemsOf(text)).to.deep.equal([
      's.yaml:25:34: steps[0].update[3].colour: unknown field "colour" (known fields: pod, namespace, ports, listen, restart)',
    ]);
    const text2 =
      named +
      'steps:\n  - name: one\n    derived: true\n    update:\n      - { pod: web }\n      - { pod: web, ports: [], restart: true }\n      - { pod: ghost, restart: true }\n';
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
    const s = parseScenario(
      's.yaml',
      two +
        'steps:\n  - name: one\n    derived: true\n    expect:\n      - web -> localhost:9091 allowed\n      - { from: web, to: "http://localhost:80", expect: allowed }\n',
      noFiles,
    );
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
    expect(
      problemsOf(bad + 'steps:\n  - name: one\n    derived: true\n    update:\n      - { pod: web, listen: [81] }\n'),
    ).to.deep.equal([
      's.yaml:7:12: workloads[0].image: give "image" on a container: this pod declares "containers"',
      's.yaml:10:7: workloads[0].containers: containers a and a both listen on 80/TCP, in one network namespace',
      's.yaml:11:17: workloads[0].containers[1].name: duplicate container name "a"',
      's.yaml:12:17: workloads[0].containers[2].name: "nph-probe" is the name of the harness\'s probe sidecar: choose another',
      's.yaml:24:9: steps[0].update[0]: pod default/web declares containers: only "restart: true" is supported for it',
    ]);
  });
});

describe('scenario: API requests with expected answers (api:)', () => {
  const withNs = fidelityBase
    .replace('workloads:\n', 'namespaces:\n  - name: production\nworkloads:\n')
    .replace(
      '  - name: c\n    image: alpine\n',
      '  - name: c\n    image: alpine\n  - name: m\n    namespace: production\n    image: alpine\n',
    );
  const policies =
    'policies:\n  - id: deny\n    manifest: |\n      apiVersion: networking.k8s.io/v1\n      kind: NetworkPolicy\n      metadata: { name: deny }\n      spec: { podSelector: {} }\n';

  it('reads create, label, get, list and applied, as a service account, with provenance', () => {
    const text =
      withNs +
      policies +
      'steps:\n  - name: one\n    section: Security\n    apply: [deny]\n    api:\n' +
      '      - { applied: deny, expect: created, quote: \'networkpolicy "deny" created\' }\n' +
      '      - create: |\n          apiVersion: rbac.authorization.k8s.io/v1\n          kind: Role\n          metadata: { name: r }\n        namespace: production\n        expect: created\n        derived: true\n' +
      '      - { label: { pod: m, labels: { app: bookstore } }, namespace: production, as: production/attacker, expect: forbidden, reason: cannot patch }\n' +
      '      - { get: networkpolicy/deny, expect: [ok, not-found] }\n' +
      '      - { list: pods, namespace: production, as: production/attacker, expect: ok }\n';
    const s = parseScenario('s.yaml', text, noFiles);
    const api = s.steps[0]?.api ?? [];
    expect(api.map((a) => [a.text, a.namespace, a.expected, a.reason, a.provenance.kind])).to.deep.equal([
      ['apply deny', 'default', ['created'], undefined, 'documented'],
      ['create role r', 'production', ['created'], undefined, 'derived'],
      ['label pod m app=bookstore as production/attacker', 'production', ['forbidden'], 'cannot patch', 'documented'],
      ['get networkpolicy deny', 'default', ['ok', 'not-found'], undefined, 'documented'],
      ['list pods as production/attacker', 'production', ['ok'], undefined, 'documented'],
    ]);
    expect(api[2]?.as).to.deep.equal({ namespace: 'production', name: 'attacker' });
  });

  it('reports what cannot be sent', () => {
    const text =
      withNs +
      policies +
      'steps:\n  - name: one\n    derived: true\n    api:\n' +
      '      - { get: networkpolicy/deny, list: pods, expect: ok }\n' +
      '      - { create: "kind: ClusterRole\\nmetadata: { name: x }", expect: created }\n' +
      '      - { get: widgets/x, expect: ok }\n' +
      '      - { label: { pod: m, labels: { a: b } }, as: attacker, expect: forbidden }\n' +
      '      - { applied: nope, expect: created }\n' +
      '      - { list: pods, expect: allowed }\n';
    expect(problemsOf(text)).to.deep.equal([
      's.yaml:38:31: steps[0].api[5].expect: unsupported value "allowed": supported values: "created", "configured", "ok", "rejected", "forbidden", "not-found", "already-exists"',
    ]);
    expect(problemsOf(text.replace('      - { list: pods, expect: allowed }\n', ''))).to.deep.equal([
      's.yaml:33:9: steps[0].api[0]: give exactly one of "create", "get", "list", "label", "applied" (got get, list)',
      "s.yaml:34:19: steps[0].api[1].create: create takes one manifest of a namespaced kind (Pod, Service, Endpoints, ServiceAccount, ConfigMap, NetworkPolicy, Role, RoleBinding); cluster-wide objects would outlive the run's namespaces",
      's.yaml:35:16: steps[0].api[2].get: unknown kind "widgets": one of pod, service, endpoints, serviceaccount, configmap, networkpolicy, role, rolebinding',
      's.yaml:36:25: steps[0].api[3].label.pod: no pod default/m in this scenario',
      's.yaml:36:52: steps[0].api[3].as: cannot read "attacker": write the service account to act as as NAMESPACE/NAME',
      's.yaml:37:20: steps[0].api[4].applied: no policy with id "nope"',
    ]);
  });
});

describe('scenario: outside hosts (outside:)', () => {
  it('reads documented outside addresses with what their stand-ins serve', () => {
    const s = parseScenario(
      's.yaml',
      fidelityBase +
        'outside:\n  - { name: external-api, address: 52.1.2.3, listen: [443, "53/UDP"] }\nsteps:\n  - name: one\n    derived: true\n    expect:\n      - c -> 52.1.2.3:443 allowed\n',
      noFiles,
    );
    expect(s.outside).to.deep.equal([
      {
        name: 'external-api',
        address: '52.1.2.3',
        listening: [
          { port: 443, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
        line: 18,
      },
    ]);
  });

  it('refuses addresses no stand-in can take, and duplicates', () => {
    const text =
      fidelityBase +
      'outside:\n  - { name: a, address: 192.168.1.100 }\n  - { name: b, address: 10.96.0.10 }\n  - { name: a, address: example.com }\n  - { name: d, address: 8.8.8.8 }\n  - { name: e, address: 8.8.8.8 }\nsteps:\n  - name: one\n';
    expect(problemsOf(text)).to.deep.equal([
      "s.yaml:18:25: outside[0].address: 192.168.1.100 is inside the cluster's pod (192.168.0.0/16) or service (10.96.0.0/12) network or loopback: no stand-in can take it",
      "s.yaml:19:25: outside[1].address: 10.96.0.10 is inside the cluster's pod (192.168.0.0/16) or service (10.96.0.0/12) network or loopback: no stand-in can take it",
      's.yaml:20:13: outside[2].name: duplicate outside host "a"',
      's.yaml:20:25: outside[2].address: "example.com" is not an IPv4 address',
      's.yaml:22:25: outside[4].address: duplicate outside address 8.8.8.8',
    ]);
  });
});

describe('scenario: probes from outside the cluster', () => {
  it('reads an outside host as a source of probes to pod IPs', () => {
    const s = parseScenario(
      's.yaml',
      fidelityBase +
        'outside:\n  - { name: office, address: 10.0.0.5 }\nsteps:\n  - name: one\n    derived: true\n    expect:\n      - office -> pod/web:80 allowed\n',
      noFiles,
    );
    expect(s.steps[0]?.expectations[0]?.from).to.deep.equal({ name: 'office', namespace: '(outside)' });
  });

  it('refuses other targets from outside, and a source that also serves', () => {
    const text =
      fidelityBase +
      'outside:\n  - { name: office, address: 10.0.0.5, listen: [80] }\nsteps:\n  - name: one\n    derived: true\n    expect:\n      - office -> http://web allowed\n      - office -> pod/web:80 allowed\n';
    expect(problemsOf(text)).to.deep.equal([
      's.yaml:18:48: outside[0].listen: outside host "office" sends probes: it serves nothing (an outside host either serves or probes)',
      "s.yaml:23:9: steps[0].expect[0]: a probe from outside the cluster (office) goes to a pod's IP: write pod/NAME or pod/NAMESPACE/NAME",
    ]);
  });
});
