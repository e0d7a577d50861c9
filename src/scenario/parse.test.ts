import { expect } from 'chai';
import { parseScenario } from './parse.js';
import { noFiles, problemsOf, SCENARIO_HEAD } from '../testing/scenario-text.js';

const base = `${SCENARIO_HEAD}policies:
  - id: deny
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: deny
      spec:
        podSelector: {}
`;

const problems = problemsOf;

describe('scenario: strict loading with file, line and field path', () => {
  it('loads a valid scenario with compact and mapping rows', () => {
    const s = parseScenario(
      's.yaml',
      base +
        'steps:\n  - name: one\n    section: Tests\n    apply: [deny]\n    expect:\n      - c -> http://web blocked\n      - { from: c, to: "web:80", expect: [blocked, refused], tool: nc, derived: true }\n',
      noFiles,
    );
    expect(s.steps[0]?.expectations.map((e) => [e.tool, e.port, e.expected, e.provenance.kind])).to.deep.equal([
      ['wget', 80, ['blocked'], 'documented'],
      ['nc', 80, ['blocked', 'refused'], 'derived'],
    ]);
    expect(s.namespaces.map((n) => n.name)).to.deep.equal(['default']);
  });

  it('reports every problem at once, in line order', () => {
    const text =
      base.replace('    image: alpine\n', '    image: alpine\n    colour: red\n') +
      'steps:\n  - name: one\n    apply: [nope]\n    expect:\n      - c -> http://web timeout\n      - ghost -> web:80 blocked @derived\n';
    expect(problems(text)).to.deep.equal([
      's.yaml:13:5: clients[0].colour: unknown field "colour" (known fields: name, namespace, labels, image, kind, container, ports, listen, command, containers, createdBy, extra, node, source)',
    ]);
    const text2 =
      base +
      'steps:\n  - name: one\n    apply: [nope]\n    expect:\n      - c -> http://web timeout\n      - ghost -> web:80 blocked @derived\n      - c -> web blocked @derived\n';
    expect(problems(text2)).to.deep.equal([
      's.yaml:28:13: steps[0].apply[0]: no policy with id "nope"',
      's.yaml:30:9: steps[0].expect[0]: unknown word "timeout" in "c -> http://web timeout": expected a result (allowed, blocked, refused, dns-failure, no-such-port, check-failed), wget, nc, curl, dns, telnet, ~"body", @derived or @"section"',
      's.yaml:31:9: steps[0].expect[1]: no pod "ghost" in this scenario',
      's.yaml:32:9: steps[0].expect[2]: no port: write "web:PORT" or give "port"',
    ]);
  });

  it('reads DNS lookups (dns:NAME, the dns tool, 53/UDP) and rejects the tool on other targets', () => {
    const s = parseScenario(
      's.yaml',
      base +
        'steps:\n  - name: one\n    derived: true\n    expect:\n      - c -> dns:web allowed\n      - { from: c, to: "dns:kube-dns.kube-system", expect: blocked }\n',
      noFiles,
    );
    expect(s.steps[0]?.expectations.map((e) => [e.targetText, e.tool, e.port, e.protocol, e.target])).to.deep.equal([
      ['dns:web', 'dns', 53, 'UDP', { kind: 'lookup', name: 'web' }],
      ['dns:kube-dns.kube-system', 'dns', 53, 'UDP', { kind: 'lookup', name: 'kube-dns.kube-system' }],
    ]);
    const bad =
      base +
      'steps:\n  - name: one\n    derived: true\n    expect:\n      - c -> dns:web nc allowed\n      - c -> web:53/udp dns allowed\n      - { from: c, to: "dns:web", port: 5353, expect: allowed }\n';
    expect(problems(bad)).to.deep.equal([
      's.yaml:30:9: steps[0].expect[0]: a dns: target is a name lookup, probed with the dns tool, not nc',
      's.yaml:31:9: steps[0].expect[1]: the dns tool looks a name up: write the target as dns:NAME',
      's.yaml:32:9: steps[0].expect[2]: a DNS lookup goes to 53/UDP, not 5353/UDP',
      's.yaml:32:41: steps[0].expect[2].port: port 5353 contradicts the port in "dns:web"',
    ]);
  });

  it('asks where an expectation comes from', () => {
    expect(problems(base + 'steps:\n  - name: one\n    expect:\n      - c -> http://web allowed\n')).to.deep.equal([
      's.yaml:29:9: steps[0].expect[0]: say where this expectation comes from: a section (on the row or its step) or derived',
    ]);
  });

  it('reports wrong types and missing required fields', () => {
    const text =
      base
        .replace('name: t\n', 'name: T_bad\n')
        .replace('    ports: [{ port: 80 }]\n', '    ports: [{ port: "80" }]\n') + 'steps: []\n';
    expect(problems(text)).to.deep.equal([
      's.yaml:3:7: name: invalid value "T_bad": must be a lowercase RFC 1123 label',
      's.yaml:16:21: services[0].ports[0].port: must be an integer, got the string "80"',
      's.yaml:26:8: steps: must not be empty',
    ]);
  });

  it('reports undeclared namespaces', () => {
    const text = base.replace('  - name: c\n', '  - name: c\n    namespace: other\n') + 'steps:\n  - name: one\n';
    expect(problems(text)).to.deep.equal([
      's.yaml:12:16: clients[0].namespace: namespace "other" is not declared under namespaces',
    ]);
  });

  it('keeps a manifest the API server would reject, with its line in the scenario file', () => {
    const text =
      base.replace(
        '        podSelector: {}\n',
        '        podSelector: {}\n        ingress:\n        - ports:\n          - endPort: 9000\n',
      ) + 'steps:\n  - name: one\n    apply: [deny]\n';
    const s = parseScenario('s.yaml', text, noFiles);
    const doc = s.policies[0]?.documents[0];
    expect(doc?.accepted).to.equal(false);
    if (doc && !doc.accepted) {
      expect(doc.issues).to.deep.equal([
        {
          path: 'spec.ingress[0].ports[0].endPort',
          message: 'Invalid value: 9000: may not be specified when `port` is not specified',
          line: 28,
        },
      ]);
    }
  });

  it('rejects YAML that does not parse', () => {
    expect(problems('apiVersion: [\n')[0]).to.match(/^s\.yaml:2:1: invalid YAML: /);
  });

  it('reads policy files relative to the scenario', () => {
    const text =
      base.replace(/ {2}- id: deny\n {4}manifest: \|\n( {6}.*\n)+/, '  - id: deny\n    file: policies/deny.yaml\n') +
      'steps:\n  - name: one\n    apply: [deny]\n';
    const s = parseScenario('s.yaml', text, (_from, rel) =>
      rel === 'policies/deny.yaml'
        ? {
            path: 'policies/deny.yaml',
            text: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}\n',
          }
        : undefined,
    );
    expect(s.policies[0]?.documents[0]?.accepted).to.equal(true);
    expect(problems(text)).to.deep.equal([
      's.yaml:19:11: policies[0].file: cannot read policy file "policies/deny.yaml"',
    ]);
  });
});

describe('scenario: listen ports', () => {
  it('accepts numbers, PORT/PROTO strings and mappings', () => {
    const text =
      base.replace(
        '    ports: [{ containerPort: 80 }]\n',
        '    ports: [{ containerPort: 80 }]\n    listen: [8000, "5000/TCP", "53/udp", { port: 9, protocol: SCTP }]\n',
      ) + 'steps:\n  - name: one\n';
    expect(parseScenario('s.yaml', text, noFiles).pods[0]?.listening).to.deep.equal([
      { port: 8000, protocol: 'TCP' },
      { port: 5000, protocol: 'TCP' },
      { port: 53, protocol: 'UDP' },
      { port: 9, protocol: 'SCTP' },
    ]);
  });

  it('rejects what is no port', () => {
    const text =
      base.replace(
        '    ports: [{ containerPort: 80 }]\n',
        '    ports: [{ containerPort: 80 }]\n    listen: ["http"]\n',
      ) + 'steps:\n  - name: one\n';
    expect(problems(text)).to.deep.equal([
      's.yaml:10:14: workloads[0].listen[0]: cannot read "http": expected PORT or PORT/TCP|UDP|SCTP',
    ]);
  });
});

describe('scenario: YAML anchors', () => {
  it('resolves aliases', () => {
    const text =
      base
        .replace('    labels: { app: web }\n', '    labels: &web { app: web }\n')
        .replace('    selector: { app: web }\n', '    selector: *web\n') + 'steps:\n  - name: one\n';
    expect(parseScenario('s.yaml', text, noFiles).services[0]?.selector).to.deep.equal({ app: 'web' });
  });
});
