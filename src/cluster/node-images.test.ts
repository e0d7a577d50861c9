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
});
