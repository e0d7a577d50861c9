import { expect } from 'chai';
import { parseScenario } from './parse.js';
import { noFiles, problemsOf } from '../testing/scenario-text.js';

const base = `apiVersion: netpol-harness/v1
kind: Scenario
name: t
source: { file: doc.txt, section: Intro }
namespaces:
  - name: team
clients:
  - name: c
    image: alpine
policies:
  - id: wrong
    mistake: { quote: "# ❌ WRONG", says: "the selector matches no pod" }
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: wrong
      spec:
        podSelector: { matchLabels: { app: nope } }
`;

const problems = problemsOf;

describe('scenario annotations: mistakes, prerequisites, recorded findings', () => {
  it('loads a mistake, a prerequisite step and a recorded finding', () => {
    const text =
      base +
      'steps:\n  - name: label\n    prerequisite: true\n    reason: the document never labels team\n    label: [{ namespace: team, labels: { name: team } }]\n  - name: apply\n    derived: true\n    apply: [wrong]\n' +
      'findings:\n  - { kind: command-cannot-work, section: Tips, quote: "kubectl get crd x", says: "not a CRD", fix: "drop it" }\n';
    const s = parseScenario('s.yaml', text, noFiles);
    expect(s.policies[0]?.mistake).to.deep.equal({ quote: '# ❌ WRONG', says: 'the selector matches no pod' });
    expect(s.steps.map((x) => x.prerequisite)).to.deep.equal([{ reason: 'the document never labels team' }, undefined]);
    expect(s.findings).to.deep.equal([
      {
        kind: 'command-cannot-work',
        file: 'doc.txt',
        section: 'Tips',
        quote: 'kubectl get crd x',
        says: 'not a CRD',
        fix: 'drop it',
        line: 29,
      },
    ]);
  });

  it('reports a prerequisite without reason, one that applies policies, and a stray reason', () => {
    const text =
      base +
      'steps:\n  - name: one\n    prerequisite: true\n    apply: [wrong]\n  - name: two\n    derived: true\n    reason: why\n';
    expect(problems(text)).to.deep.equal([
      's.yaml:22:19: steps[0].prerequisite: a prerequisite step needs a "reason": what the document relies on without showing it',
      's.yaml:22:19: steps[0].prerequisite: a prerequisite step sets something up: give "label"',
      "s.yaml:23:12: steps[0].apply: a prerequisite step only labels; apply the document's policies in a step of their own",
      's.yaml:26:13: steps[1].reason: a step\'s reason says why it is a prerequisite: add "prerequisite: true" or drop it',
    ]);
  });

  it('rejects unknown fields and kinds in recorded findings, and a finding without fix', () => {
    const text =
      base +
      'steps:\n  - { name: one, derived: true }\nfindings:\n  - { kind: typo, section: S, quote: q, says: s, colour: red }\n';
    expect(problems(text)).to.deep.equal([
      's.yaml:23:13: findings[0].kind: unsupported value "typo": supported values: "prose-contradicts-manifest", "command-cannot-work", "incomplete-example", "step-after-delete", "out-of-date"',
      's.yaml:23:50: findings[0].colour: unknown field "colour" (known fields: kind, file, section, quote, says, fix)',
      's.yaml:23:5: findings[0].fix: required field is missing',
    ]);
  });

  it('rejects a mistake without what the document says, and a mistake on a correction', () => {
    const noSays =
      base.replace(', says: "the selector matches no pod"', '') + 'steps:\n  - { name: one, derived: true }\n';
    expect(problems(noSays)).to.deep.equal(['s.yaml:12:14: policies[0].mistake.says: required field is missing']);
    const corr =
      base +
      '  - id: fixed\n    correctionOf: wrong\n    reason: r\n    mistake: { quote: q, says: s }\n    manifest: |\n      apiVersion: networking.k8s.io/v1\n      kind: NetworkPolicy\n      metadata:\n        name: wrong\n      spec:\n        podSelector: {}\nsteps:\n  - { name: one, derived: true }\n';
    expect(problems(corr)).to.deep.equal([
      's.yaml:23:14: policies[1].mistake: a correction is not the document\'s mistake: give "mistake" on the policy it corrects',
    ]);
  });
});
