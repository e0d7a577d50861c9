import { expect } from 'chai';
import { parseScenario } from './parse.js';
import { noFiles, problemsOf, SCENARIO_HEAD } from '../testing/scenario-text.js';

/** A scenario whose one policy lets every pod of `default` reach the ipBlock given (its first line is line 30). */
function withBlock(
  block: string,
  steps = 'steps:\n  - name: one\n    derived: true\n    apply: [to-web]\n    expect: [c -> pod/web:80 allowed]\n',
): string {
  return `${SCENARIO_HEAD}policies:
  - id: to-web
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: to-web
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
          - to:
              - ipBlock:
${block
  .split('\n')
  .map((l) => `                  ${l}`)
  .join('\n')}
${steps}`;
}

describe("scenario: a pod's address in a policy (${podIP:NAMESPACE/NAME}/BITS)", () => {
  it('loads one as the cidr or an except entry, kept as written with the pod it names', () => {
    const s = parseScenario(
      's.yaml',
      withBlock('cidr: ${podIP:default/web}/4\nexcept: ["${podIP:default/web}/32"]'),
      noFiles,
    );
    const doc = s.policies[0]?.documents[0];
    expect(doc?.accepted).to.equal(true);
    if (!doc?.accepted || !doc.policy) return;
    expect(doc.policy.egress[0]?.peers?.[0]?.ipBlock).to.deep.equal({
      cidr: '${podIP:default/web}/4',
      except: ['${podIP:default/web}/32'],
      pods: {
        '${podIP:default/web}/4': { namespace: 'default', pod: 'web', bits: 4 },
        '${podIP:default/web}/32': { namespace: 'default', pod: 'web', bits: 32 },
      },
    });
    expect(s.policies[0]?.text).to.include('cidr: ${podIP:default/web}/4');
  });

  it('refuses a pod the scenario does not have, and a malformed one, at their lines', () => {
    expect(
      problemsOf(withBlock('cidr: ${podIP:default/db}/32\nexcept: ["${podIP:web}/32", "${podIP:default/web}/129"]')),
    ).to.deep.equal([
      's.yaml:30:19: policies[0].manifest.spec.egress[0].to[0].ipBlock.cidr: ${podIP:default/db}/32: no pod default/db in this scenario (write NAMESPACE/NAME of a workload or client)',
      's.yaml:31:22: policies[0].manifest.spec.egress[0].to[0].ipBlock.except[0]: "${podIP:web}/32": write a pod\'s address as ${podIP:NAMESPACE/NAME}/BITS (the /BITS network around the pod\'s IP), the whole value',
      's.yaml:31:41: policies[0].manifest.spec.egress[0].to[0].ipBlock.except[1]: "${podIP:default/web}/129": BITS is 0 to 128 (0 to 32 for an IPv4 pod), not 129',
    ]);
  });

  it('refuses one anywhere but an ipBlock value', () => {
    const text = withBlock('cidr: 10.0.0.0/8').replace(
      '        name: to-web\n',
      '        name: to-web\n        labels: { ip: "${podIP:default/web}/32" }\n',
    );
    expect(problemsOf(text)).to.deep.equal([
      "s.yaml:24:17: policies[0].manifest.metadata.labels.ip: a pod's address (${podIP:NAMESPACE/NAME}/BITS) may only be the whole value of an ipBlock's cidr or of an except entry, or of a networks entry",
    ]);
  });

  it('leaves other ${…} text to the API server, as the document wrote it', () => {
    const s = parseScenario('s.yaml', withBlock('cidr: ${EXTERNAL_IP}/32'), noFiles);
    const doc = s.policies[0]?.documents[0];
    expect(doc?.accepted).to.equal(false);
    if (doc?.accepted !== false) return;
    expect(doc.issues.map((i) => i.message)).to.deep.equal([
      'Invalid value: "${EXTERNAL_IP}/32": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
    ]);
  });

  it('says to quote one that YAML reads as a mapping inside [ ]', () => {
    const [first] = problemsOf(withBlock('cidr: 0.0.0.0/0\nexcept: [${podIP:default/web}/32]'));
    expect(first).to.match(
      /^s\.yaml:31:\d+: invalid YAML: .* \(a pod's address inside \[ \] or \{ \} must be quoted: "\$\{podIP:NAMESPACE\/NAME\}\/BITS"\)$/,
    );
  });

  it('refuses to replace a pod whose address a policy names', () => {
    const steps =
      'steps:\n  - name: one\n    derived: true\n    apply: [to-web]\n    expect: [c -> pod/web:80 allowed]\n  - name: two\n    derived: true\n    update: [{ pod: web, restart: true }]\n    expect: [c -> pod/web:80 allowed]\n';
    expect(problemsOf(withBlock('cidr: ${podIP:default/web}/32', steps))).to.deep.equal([
      's.yaml:38:14: steps[1].update[0]: pod default/web cannot be replaced: policy "to-web" (${podIP:default/web}/32) names its address, and a new pod gets a new IP the policy does not follow',
    ]);
  });
});
