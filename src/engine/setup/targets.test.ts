import { expect } from 'chai';
import { worldsByStep } from '../../reachability/world.js';
import { parseScenario } from '../../scenario/parse.js';
import { NO_SUCH_PORT_NOT_SENT, planProbe, rewriteHost, type LiveTopology } from './targets.js';

const SCENARIO = `apiVersion: netpol-harness/v1
kind: Scenario
name: t
title: targets
source: { file: x.txt, section: s }
namespaces: [{ name: netpol-backend }]
workloads:
  - { name: web, namespace: netpol-backend, image: nginx, labels: { app: web }, ports: [{ containerPort: 80 }] }
  - { name: api, image: api-image, labels: { app: api }, ports: [{ containerPort: 5000 }] }
clients:
  - { name: c, image: alpine }
services:
  - { name: web, namespace: netpol-backend, selector: { app: web }, ports: [{ port: 80, targetPort: 80 }] }
steps:
  - name: s
    derived: true
    expect:
      - c -> http://web.netpol-backend.svc.cluster.local allowed
      - c -> web.netpol-backend:81 no-such-port
      - c -> http://example.com allowed
      - c -> 10.0.0.5:443 blocked
      - api -> pod/netpol-backend/web:80 allowed
      - c -> https://kubernetes.default.svc allowed
      - c -> http://kubernetes.default.svc:80 no-such-port
      - c -> dns:web.netpol-backend allowed
      - c -> dns:example.com allowed
      - c -> pod/netpol-backend/web:80/sctp blocked
`;

describe('planProbe', () => {
  const scenario = parseScenario('t.yaml', SCENARIO, () => undefined);
  const world = worldsByStep(scenario)[0]!.world;
  const pod = (name: string, namespace: string, ip: string) => ({ name, namespace, ip, ready: true, labels: {} });
  const topo: LiveTopology = {
    mapping: new Map([
      ['default', 't-r1-default'],
      ['netpol-backend', 't-r1-netpol-backend'],
    ]),
    pods: new Map([
      ['default/c', pod('c', 't-r1-default', '192.168.0.5')],
      ['default/api', pod('api', 't-r1-default', '192.168.0.6')],
      ['netpol-backend/web', pod('web', 't-r1-netpol-backend', '192.168.0.7')],
    ]),
    serviceIPs: new Map([['netpol-backend/web', '10.96.0.9']]),
  };
  const plans = scenario.steps[0]!.expectations.map((e) => planProbe(e, scenario, world, topo, 2));
  const summary = plans.map((p) =>
    p.kind === 'send'
      ? `send ${p.job.from.pod}/${p.job.from.container} -> ${p.job.host}:${p.job.port}`
      : `not sent: ${p.reason}`,
  );

  it('sends names in the real namespaces, from the probe sidecar for workloads, and nothing outside', () => {
    expect(summary).to.deep.equal([
      'send c/c -> web.t-r1-netpol-backend.svc.cluster.local:80',
      `not sent: service netpol-backend/web exposes 80/TCP, not 81/TCP: ${NO_SUCH_PORT_NOT_SENT}`,
      'not sent: example.com is outside the cluster: this machine sends no traffic outside the cluster',
      "not sent: 10.0.0.5 is no address of this scenario's pods or services: this machine sends no traffic outside the cluster",
      'send api/nph-probe -> 192.168.0.7:80',
      'send c/c -> kubernetes.default.svc:443',
      `not sent: service default/kubernetes exposes 443/TCP, not 80/TCP: ${NO_SUCH_PORT_NOT_SENT}`,
      'send c/c -> web.t-r1-netpol-backend:53',
      'not sent: example.com is outside the cluster, so the lookup would be forwarded upstream: this machine sends no traffic outside the cluster',
      'not sent: SCTP probes are not supported by the client tools: nothing to send it with',
    ]);
    const lookup = plans[7]!;
    expect(lookup.kind === 'send' && [lookup.job.tool, lookup.job.protocol]).to.deep.equal(['dns', 'UDP']);
  });
});

describe('rewriteHost', () => {
  const mapping = new Map([['default', 't-r1-default']]);
  it('maps the namespace part of a service name, nothing else', () => {
    expect(rewriteHost('web.default.svc.cluster.local', mapping)).to.equal('web.t-r1-default.svc.cluster.local');
    expect(rewriteHost('web', mapping)).to.equal('web');
    expect(rewriteHost('example.com', mapping)).to.equal('example.com');
  });
});

describe('planProbe: outside addresses and localhost', () => {
  const scenario = parseScenario(
    't.yaml',
    SCENARIO.replace(
      'steps:\n',
      'outside:\n  - { name: external-api, address: 52.1.2.3, listen: [443] }\nsteps:\n',
    ).replace(
      / {4}expect:\n(.|\n)*$/,
      '    expect:\n      - c -> 52.1.2.3:443 allowed\n      - c -> 8.8.8.8:53/udp allowed\n      - c -> localhost:8080 refused\n',
    ),
    () => undefined,
  );
  const world = worldsByStep(scenario)[0]!.world;
  const topo: LiveTopology = {
    mapping: new Map([['default', 't-r1-default']]),
    pods: new Map([
      ['default/c', { name: 'c', namespace: 't-r1-default', ip: '192.168.0.5', ready: true, labels: {} }],
    ]),
    serviceIPs: new Map(),
    outside: new Map([['52.1.2.3', '172.18.0.9']]),
  };
  const summary = scenario.steps[0]!.expectations.map((e) => planProbe(e, scenario, world, topo, 2)).map((p) =>
    p.kind === 'send' ? `send ${p.job.host}:${p.job.port}` : `not sent: ${p.reason}`,
  );

  it('sends a documented outside address to its stand-in, nothing to other outside addresses, localhost to 127.0.0.1', () => {
    expect(summary).to.deep.equal([
      'send 172.18.0.9:443',
      "not sent: 8.8.8.8 is no address of this scenario's pods or services: this machine sends no traffic outside the cluster",
      'send 127.0.0.1:8080',
    ]);
  });
});
