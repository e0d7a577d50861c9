import { expect } from 'chai';
import type { FlowExplanation } from '../explain/explain-flow.js';
import { renderExplanation, renderThreeAnswers } from './explain-console.js';

const explanation = (name: string): FlowExplanation => ({
  flow: {
    from: { namespace: 'default', name },
    target: { kind: 'ip', ip: '10.0.0.9' },
    targetText: 'pod/default/web:80',
    port: 80,
    protocol: 'TCP',
  },
  result: { outcome: 'blocked', explanation: ['egress allowed', 'ingress denied'] },
  decisions: [],
  policies: ['default/deny'],
});

describe('renderExplanation', () => {
  it("puts the audit's first lines on top and its other lines right under the answer", () => {
    expect(
      renderExplanation(explanation('a'), 'w.yaml step 1/1', {
        first: ['deny was rejected: …'],
        underAnswer: ['expected: blocked', 'decided partly outside the policy engine: …'],
      }).split('\n'),
    ).to.deep.equal([
      'deny was rejected: …',
      'flow: default/a -> pod/default/web:80 (80/TCP)',
      'in: w.yaml step 1/1',
      'policies in force: default/deny',
      'answer: blocked',
      'expected: blocked',
      'decided partly outside the policy engine: …',
      '  egress allowed',
      '  ingress denied',
    ]);
    expect(renderExplanation(explanation('a'), 'w').split('\n')[3]).to.equal('answer: blocked');
  });

  it('escapes the control characters of names', () => {
    const out = renderExplanation(explanation('a\u001b[2Jb\u0007'), 'w');
    expect(out).to.include('flow: default/a\\u{1b}[2Jb\\u{7} -> ');
    expect([...out].filter((ch) => ch < ' ' && ch !== '\n')).to.deep.equal([]);
  });
});

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
