import { expect } from 'chai';
import { containerdImageName, imagesMissingOnNodes } from './node-images.js';

describe('node images', () => {
  const cases: [string, string][] = [
    ['nginx', 'docker.io/library/nginx:latest'],
    ['netpol-harness/alpine:v1', 'docker.io/netpol-harness/alpine:v1'],
    ['docker.io/calico/node:v3.30.1', 'docker.io/calico/node:v3.30.1'],
    ['registry.k8s.io/pause:3.10.1', 'registry.k8s.io/pause:3.10.1'],
    ['localhost:5000/x', 'localhost:5000/x:latest'],
  ];
  for (const [image, want] of cases)
    it(`${image} is ${want} in containerd`, () => expect(containerdImageName(image)).to.equal(want));

  it('lists the images a node lacks', () => {
    const held = [
      new Set(['docker.io/netpol-harness/alpine:v1', 'docker.io/calico/node:v3.30.1']),
      new Set(['docker.io/netpol-harness/alpine:v1']),
    ];
    expect(
      imagesMissingOnNodes(
        ['netpol-harness/alpine:v1', 'docker.io/calico/node:v3.30.1', 'netpol-harness/curl:v1'],
        held,
      ),
    ).to.deep.equal(['docker.io/calico/node:v3.30.1', 'netpol-harness/curl:v1']);
  });

  it('reloads an image rebuilt under the same tag: the node lacks its new ID', () => {
    const held = [
      new Set(['docker.io/netpol-harness/nginx:v1', 'sha256:old', 'docker.io/netpol-harness/server:v1', 'sha256:same']),
    ];
    const ids = new Map([
      ['netpol-harness/nginx:v1', 'sha256:new'],
      ['netpol-harness/server:v1', 'sha256:same'],
    ]);
    expect(imagesMissingOnNodes(['netpol-harness/nginx:v1', 'netpol-harness/server:v1'], held, ids)).to.deep.equal([
      'netpol-harness/nginx:v1',
    ]);
  });
});
