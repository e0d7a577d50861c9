import { expect } from 'chai';
import type { KubeNamespace } from './cluster-objects.js';
import { namespaceRenames } from './namespace-names.js';

const ns = (name: string, runId?: string): KubeNamespace => ({
  metadata: { name, labels: runId ? { 'netpol-harness.io/run-id': runId } : {} },
});

describe('namespaceRenames', () => {
  it("gives a harness run's namespaces their logical names back, keeping any other name", () => {
    expect([
      ...namespaceRenames([
        ns('shop-abc123-0-default', 'abc123-0'),
        ns('shop-abc123-0-backend', 'abc123-0'),
        ns('payments'),
      ]),
    ]).to.deep.equal([
      ['shop-abc123-0-default', 'default'],
      ['shop-abc123-0-backend', 'backend'],
      ['payments', 'payments'],
    ]);
  });

  it("adds the run id where a logical name is taken (the cluster's default, another run)", () => {
    expect([
      ...namespaceRenames([
        ns('default'),
        ns('a-abc123-0-default', 'abc123-0'),
        ns('b-def456-1-default', 'def456-1'),
        ns('b-def456-1-x', 'def456-1'),
      ]),
    ]).to.deep.equal([
      ['default', 'default'],
      ['a-abc123-0-default', 'default-abc123-0'],
      ['b-def456-1-default', 'default-def456-1'],
      ['b-def456-1-x', 'x'],
    ]);
  });

  it('refuses two namespaces that would still share a name', () => {
    expect(() =>
      namespaceRenames([ns('default-abc123-0'), ns('a-abc123-0-default', 'abc123-0'), ns('default')]),
    ).to.throw(
      'namespaces default-abc123-0 and a-abc123-0-default would both be captured as "default-abc123-0": capture them separately',
    );
  });
});
