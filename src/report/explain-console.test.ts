import { expect } from 'chai';
import { renderThreeAnswers } from './explain-console.js';

describe('renderThreeAnswers', () => {
  it('puts model and cluster side by side, with the repro line and whether they agree', () => {
    expect(
      renderThreeAnswers('blocked', {
        sent: true,
        outcome: 'allowed',
        detail: 'nc: succeeded',
        repro: 'kubectl exec -n a p -c c -- nc -vz -w 2 10.0.0.1 80',
      }),
    ).to.equal(
      [
        'answers:',
        "  document: none (a cluster's objects make no claim)",
        '  model:    blocked',
        '  cluster:  allowed (nc: succeeded)',
        '  repro:    kubectl exec -n a p -c c -- nc -vz -w 2 10.0.0.1 80',
        'verdict: the cluster DISAGREES with the spec',
      ].join('\n'),
    );
    expect(renderThreeAnswers('undefined', { sent: false, reason: 'example.com is outside the cluster' })).to.equal(
      [
        'answers:',
        "  document: none (a cluster's objects make no claim)",
        '  model:    undefined by the spec',
        '  cluster:  not sent: example.com is outside the cluster',
      ].join('\n'),
    );
  });
});
