import { expect } from 'chai';
import { imagesFromImageMap, imagesFromManifest } from './images.js';

describe('images', () => {
  it('takes the distinct values of the image map', () => {
    const text =
      'version: 1\nimages:\n  nginx: netpol-harness/nginx:v1\n  "nginx:alpine": netpol-harness/nginx:v1\n  alpine: netpol-harness/alpine:v1\n';
    expect(imagesFromImageMap(text)).to.deep.equal(['netpol-harness/nginx:v1', 'netpol-harness/alpine:v1']);
  });

  it('finds container and init container images in every document', () => {
    const text = [
      'kind: ConfigMap\nmetadata: {name: x}\ndata: {image: not-this}',
      'kind: DaemonSet\nspec:\n  template:\n    spec:\n      initContainers: [{name: cni, image: calico/cni:v3}]\n      containers: [{name: node, image: calico/node:v3}]',
      'kind: Deployment\nspec:\n  template:\n    spec:\n      containers: [{name: kc, image: calico/kube-controllers:v3}]',
    ].join('\n---\n');
    expect(imagesFromManifest(text)).to.deep.equal(['calico/cni:v3', 'calico/node:v3', 'calico/kube-controllers:v3']);
  });
});
