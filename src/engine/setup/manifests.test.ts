import { expect } from 'chai';
import type { ScenarioPod } from '../../scenario/types.js';
import { clientImage, imagesForScenarios, resolveImage } from './image-map.js';
import { podManifest, serviceManifest } from './manifests.js';

const map = {
  images: {
    alpine: 'netpol-harness/alpine:v1',
    nginx: 'netpol-harness/nginx:v1',
    'default-server': 'netpol-harness/server:v1',
    client: 'netpol-harness/alpine:v1',
  },
};

describe('resolveImage', () => {
  const cases: [string, boolean, string][] = [
    ['alpine', true, 'netpol-harness/alpine:v1'],
    ['alpine', false, 'alpine'],
    ['api-image:latest', true, 'netpol-harness/server:v1'],
    ['api-image:latest', false, 'netpol-harness/server:v1'],
    ['netpol-harness/server', false, 'netpol-harness/server:v1'],
  ];
  for (const [image, offline, want] of cases) {
    it(`${image} ${offline ? 'offline' : 'online'} -> ${want}`, () =>
      expect(resolveImage(image, map, offline)).to.equal(want));
  }
});

describe('clientImage and imagesForScenarios', () => {
  it("runs probes in our client online too: the documents' alpine lacks udpprobe, curl, dig and netcat-openbsd", () => {
    expect(clientImage(map, true)).to.equal('netpol-harness/alpine:v1');
    expect(clientImage(map, false)).to.equal('netpol-harness/alpine:v1');
  });

  it('lists what the pods run, the sidecar and the canaries included, as a mirror must hold them', () => {
    const scenarios = [
      { pods: [{ image: 'nginx' }, { image: 'api-image:latest', containers: [{ image: 'alpine' }] }] },
    ];
    expect(imagesForScenarios(scenarios, map, false)).to.deep.equal([
      'alpine',
      'netpol-harness/alpine:v1',
      'netpol-harness/server:v1',
      'nginx',
    ]);
    expect(imagesForScenarios(scenarios, map, true)).to.deep.equal([
      'netpol-harness/alpine:v1',
      'netpol-harness/nginx:v1',
      'netpol-harness/server:v1',
    ]);
  });
});

const base: ScenarioPod = {
  name: 'api',
  namespace: 'default',
  labels: { app: 'api' },
  image: 'api-image:latest',
  role: 'workload',
  kind: 'Deployment',
  containerName: 'api',
  containerPorts: [{ name: 'api-port', containerPort: 5000, protocol: 'TCP' }],
  listening: [
    { port: 5000, protocol: 'TCP' },
    { port: 53, protocol: 'UDP' },
  ],
  line: 1,
};

describe('podManifest', () => {
  it('runs the generic server with the ports it must listen on, never pulling', () => {
    expect(podManifest(base, 'np-r1-default', 'netpol-harness/server:v1', 'r1')).to.deep.equal({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'api',
        namespace: 'np-r1-default',
        labels: { app: 'api', 'app.kubernetes.io/managed-by': 'netpol-harness', 'netpol-harness.io/run-id': 'r1' },
      },
      spec: {
        containers: [
          {
            name: 'api',
            image: 'netpol-harness/server:v1',
            imagePullPolicy: 'IfNotPresent',
            ports: [{ name: 'api-port', containerPort: 5000, protocol: 'TCP' }],
            env: [
              { name: 'TCP_PORTS', value: '5000' },
              { name: 'UDP_PORTS', value: '53' },
              { name: 'POD_NAME', value: 'api' },
            ],
          },
        ],
        dnsConfig: {
          options: [
            { name: 'timeout', value: '1' },
            { name: 'attempts', value: '2' },
          ],
        },
        terminationGracePeriodSeconds: 1,
        restartPolicy: 'Always',
      },
    });
  });

  it('gives a workload that probes a sidecar with the client image', () => {
    const spec = podManifest(base, 'ns', 'netpol-harness/server:v1', 'r1', 'netpol-harness/alpine:v1').spec as {
      containers: Record<string, unknown>[];
    };
    expect(spec.containers.map((c) => c.name)).to.deep.equal(['api', 'nph-probe']);
    expect(spec.containers[1]).to.deep.equal({
      name: 'nph-probe',
      image: 'netpol-harness/alpine:v1',
      imagePullPolicy: 'IfNotPresent',
      command: ['sleep', '86400'],
    });
  });

  it('keeps a client alive with sleep', () => {
    const client: ScenarioPod = {
      ...base,
      name: 'c',
      containerName: 'c',
      role: 'client',
      containerPorts: [],
      listening: [],
    };
    const spec = podManifest(client, 'ns', 'netpol-harness/alpine:v1', 'r1').spec as {
      containers: Record<string, unknown>[];
    };
    expect(spec.containers[0]).to.deep.equal({
      name: 'c',
      image: 'netpol-harness/alpine:v1',
      imagePullPolicy: 'IfNotPresent',
      command: ['sleep', '86400'],
    });
  });
});

describe('serviceManifest', () => {
  it('names every port of a multi-port service', () => {
    const svc = serviceManifest(
      {
        name: 'apiserver',
        namespace: 'default',
        selector: { app: 'api' },
        ports: [
          { port: 8001, targetPort: 8000, protocol: 'TCP' },
          { name: 'metrics', port: 5001, targetPort: 'metrics', protocol: 'TCP' },
        ],
        line: 1,
      },
      'np-r1-default',
      'r1',
    );
    expect(svc.spec).to.deep.equal({
      ports: [
        { name: 'tcp-8001', port: 8001, targetPort: 8000, protocol: 'TCP' },
        { name: 'metrics', port: 5001, targetPort: 'metrics', protocol: 'TCP' },
      ],
      selector: { app: 'api' },
    });
  });
});
