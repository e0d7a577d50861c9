import { expect } from 'chai';
import { chooseNodeImage, parseEnvFile } from './node-image.js';

const built = 'netpol-harness/kind-node:v1.34.4';

describe('chooseNodeImage', () => {
  it('uses the local image of the pinned version and says it runs offline', () => {
    expect(
      chooseNodeImage({ localImages: ['netpol-harness/kind-node:v1.33.0', built], pinnedKubernetesVersion: 'v1.34.4' }),
    ).to.deep.equal({
      image: built,
      offline: true,
      reason: `node image ${built} (found locally, so running offline)`,
    });
  });

  it('falls back to the highest local tag when the pinned one is missing', () => {
    expect(
      chooseNodeImage({ localImages: ['netpol-harness/kind-node:v1.33.0'], pinnedKubernetesVersion: 'v1.34.4' }),
    ).to.include({ image: 'netpol-harness/kind-node:v1.33.0' });
  });

  it('goes online when nothing is built and --offline was not given', () => {
    expect(chooseNodeImage({ localImages: [] })).to.deep.equal({
      offline: false,
      reason: "kind's default node image (no local netpol-harness/kind-node image; it will be pulled)",
    });
  });

  it('is an error with --offline and no image', () => {
    expect(chooseNodeImage({ offlineFlag: true, localImages: [], pinnedKubernetesVersion: 'v1.34.4' })).to.deep.equal({
      error: `--offline: no local node image ${built}`,
    });
  });

  it('ignores the local image with --no-offline', () => {
    expect(chooseNodeImage({ offlineFlag: false, localImages: [built] })).to.deep.equal({
      offline: false,
      reason: "kind's default node image (--no-offline)",
    });
  });

  it("pins --no-offline to kind's published image of the Kubernetes version proven offline", () => {
    expect(
      chooseNodeImage({ offlineFlag: false, localImages: [built], pinnedKubernetesVersion: 'v1.34.4' }),
    ).to.deep.equal({
      image: 'kindest/node:v1.34.4',
      offline: false,
      reason: 'node image kindest/node:v1.34.4 (--no-offline: the Kubernetes version proven offline)',
    });
  });
});

describe('parseEnvFile', () => {
  it('reads KEY=value lines and drops comments', () => {
    expect(parseEnvFile('# pins\nK8S_VERSION=v1.34.4\nGO_TOOLCHAIN=\nX="a b"  # note\n')).to.deep.equal({
      K8S_VERSION: 'v1.34.4',
      GO_TOOLCHAIN: '',
      X: 'a b',
    });
  });
});
