import { expect } from 'chai';
import { parseScenario } from './parse.js';
import { noFiles, problemsOf } from '../testing/scenario-text.js';

const scenario = (pods: string) => `apiVersion: netpol-harness/v1
kind: Scenario
name: t
source: { file: doc.txt, section: Intro }
workloads:
${pods}
steps:
  - name: one
    derived: true
    expect:
      - a -> b:80 allowed
`;

const pod = (name: string, node?: string) =>
  `  - name: ${name}\n    image: nginx\n    ports: [{ containerPort: 80 }]\n${node ? `    node: ${node}\n` : ''}`;

describe('scenario: node placement (node:)', () => {
  it('reads any, same-as and other-than, with the pod as NAMESPACE/NAME', () => {
    const s = parseScenario(
      's.yaml',
      scenario(pod('a') + pod('b', '{ other-than: a }') + pod('c', '{ same-as: default/b }') + pod('d', 'any')),
      noFiles,
    );
    expect(s.pods.map((p) => [p.name, p.node])).to.deep.equal([
      ['a', undefined],
      ['b', { kind: 'other-than', pod: 'default/a' }],
      ['c', { kind: 'same-as', pod: 'default/b' }],
      ['d', { kind: 'any' }],
    ]);
  });

  it('refuses a bad value, an unknown pod, itself, a cycle and a pod left to the scheduler, at their lines', () => {
    expect(problemsOf(scenario(pod('a', 'anywhere') + pod('b')))).to.deep.equal([
      's.yaml:9:11: workloads[0].node: expected "any", { same-as: POD } or { other-than: POD }, got "anywhere"',
    ]);
    expect(problemsOf(scenario(pod('a', '{ same-as: x }') + pod('b')))).to.deep.equal([
      's.yaml:9:11: workloads[0].node: no pod "x" in this scenario',
    ]);
    expect(problemsOf(scenario(pod('a', '{ same-as: a, other-than: b }') + pod('b')))).to.deep.equal([
      's.yaml:9:11: workloads[0].node: give same-as or other-than, not both',
    ]);
    expect(problemsOf(scenario(pod('a', '{ same-as: a }') + pod('b')))).to.deep.equal([
      's.yaml:9:11: workloads[0].node: a pod cannot be placed relative to itself',
    ]);
    expect(problemsOf(scenario(pod('a', '{ same-as: b }') + pod('b', '{ other-than: a }')))).to.deep.equal([
      's.yaml:9:11: workloads[0].node: placements form a cycle (default/a -> default/b -> default/a)',
      's.yaml:13:11: workloads[1].node: placements form a cycle (default/b -> default/a -> default/b)',
    ]);
    expect(problemsOf(scenario(pod('a', '{ same-as: b }') + pod('b', 'any')))).to.deep.equal([
      's.yaml:9:11: workloads[0].node: default/b is left to the scheduler (node: any): place it, or place this pod another way',
    ]);
  });
});
