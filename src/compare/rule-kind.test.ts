import { expect } from 'chai';
import { ruleKind } from './rule-kind.js';

const kind = (explanation: string[], protocol = 'TCP', tool = 'nc') => ruleKind({ explanation, protocol, tool });
const OPEN_EGRESS = 'egress from x/a: not isolated (no policy selects it for Egress), allowed';
const OPEN_INGRESS = 'ingress to y/a: not isolated (no policy selects it for Ingress), allowed';
const DENY_EGRESS = 'egress from x/a: isolated by deny-egress; no rule allows it (deny-egress egress: none)';
const DENY_INGRESS = 'ingress to y/a: isolated by deny-all; no rule allows it (deny-all ingress: none)';
const RULE_INGRESS = 'ingress to y/a: isolated by allow-b; allowed by allow-b ingress[0]';

describe('compare: rule kind', () => {
  it('names the side that denied the probe', () => {
    expect(kind([OPEN_EGRESS, DENY_INGRESS])).to.equal('TCP: denied on ingress');
    expect(kind([DENY_EGRESS, OPEN_INGRESS], 'UDP')).to.equal('UDP: denied on egress');
    expect(kind([DENY_EGRESS, DENY_INGRESS])).to.equal('TCP: denied on egress and ingress');
  });

  it('names the rule that admitted it, or that no policy applies', () => {
    expect(kind([OPEN_EGRESS, RULE_INGRESS])).to.equal('TCP: allowed by an ingress rule');
    expect(kind([OPEN_EGRESS, OPEN_INGRESS])).to.equal('TCP: no policy selects either pod');
  });

  it("keeps probes without a pod-to-pod path apart, by the model's first reason", () => {
    expect(
      kind(
        ["example.com is outside the cluster: whether anything answers there is not the spec's to say"],
        'TCP',
        'curl',
      ),
    ).to.equal(
      "TCP: no policy path (example.com is outside the cluster: whether anything answers there is not the spec's to say)",
    );
    expect(kind([], 'UDP', 'dns')).to.equal('DNS lookup: no policy path (no explanation)');
  });
});
