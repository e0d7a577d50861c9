import { expect } from 'chai';
import { pod, policy, service, world } from '../testing/world.js';
import { parsePodAddress, podAddressCidr, podAddressFromPool, resolvePolicyAddresses } from './pod-address.js';
import { evaluateProbe } from './probe.js';
import type { NetworkPolicy, World } from './types.js';

const XA = pod('x', 'a', { pod: 'a' });
const XB = pod('x', 'b', { pod: 'b' });
const XC = pod('x', 'c', { pod: 'c' });
const YB = pod('y', 'b', { pod: 'b' });

/** x/a's egress to the listed ipBlock, as the e2e suite's CIDR cases write it. */
function egressTo(block: { cidr: string; except?: string[] }): NetworkPolicy {
  return policy('x', 'allow-client-a-via-cidr-egress-rule', {
    podSelector: { matchLabels: { pod: 'a' } },
    policyTypes: ['Egress'],
    egress: [{ to: [{ ipBlock: block }] }],
  });
}

function outcome(w: World, to: [string, string]): string {
  return evaluateProbe(w, {
    from: { namespace: 'x', pod: 'a' },
    target: { kind: 'pod', namespace: to[0], pod: to[1] },
    port: 80,
    protocol: 'TCP',
  }).outcome;
}

describe('pod addresses in ipBlocks (${podIP:NAMESPACE/NAME}/BITS)', () => {
  it('reads the form, and says what is wrong with a near miss', () => {
    expect(parsePodAddress('${podIP:y/b}/32')).to.deep.equal({ namespace: 'y', pod: 'b', bits: 32 });
    expect(parsePodAddress('${podIP:x/server-1}/4')).to.deep.equal({ namespace: 'x', pod: 'server-1', bits: 4 });
    expect(parsePodAddress('10.0.0.0/8')).to.equal(undefined);
    expect(parsePodAddress('not a cidr')).to.equal(undefined);
    expect(parsePodAddress('${HOME}/32'), "a document's own template text").to.equal(undefined);
    for (const bad of [
      '${podIP:b}/32',
      '${podIP:y/b}',
      '${podIP:y/b}/',
      ' ${podIP:y/b}/32',
      '${podIP}/32',
      '${podIP:y/b}/32/32',
      '${podIP:Y/b}/32',
    ]) {
      expect(parsePodAddress(bad), bad).to.have.property('error').that.includes('${podIP:NAMESPACE/NAME}/BITS');
    }
    expect(parsePodAddress('${podIP:y/b}/128')).to.deep.equal({ namespace: 'y', pod: 'b', bits: 128 });
    expect(parsePodAddress('${podIP:y/b}/129')).to.deep.equal({
      error: 'BITS is 0 to 128 (0 to 32 for an IPv4 pod), not 129',
    });
  });

  it("is the /BITS network holding the pod's IP, host bits cleared", () => {
    const a = { namespace: 'x', pod: 'b', bits: 4 };
    expect(podAddressCidr(a, '192.168.3.7')).to.equal('192.0.0.0/4');
    expect(podAddressCidr({ ...a, bits: 32 }, '192.168.3.7')).to.equal('192.168.3.7/32');
    expect(podAddressCidr({ ...a, bits: 0 }, '192.168.3.7')).to.equal('0.0.0.0/0');
    expect(podAddressCidr(a, 'fd00:10:244:1::7')).to.equal('f000::/4');
    expect(podAddressCidr({ ...a, bits: 128 }, 'fd00:10:244:1::7')).to.equal('fd00:10:244:1::7/128');
    expect(podAddressCidr({ ...a, bits: 64 }, 'FD00:10:244:1:0:0:0:7')).to.equal('fd00:10:244:1::/64');
    expect(podAddressCidr({ ...a, bits: 0 }, 'fd00::7')).to.equal('::/0');
    // `host`: the pod's IP alone in its own family, as the e2e suite picks /32 or /128.
    expect(parsePodAddress('${podIP:x/b}/host')).to.deep.equal({ namespace: 'x', pod: 'b', bits: 'host' });
    expect(podAddressCidr({ ...a, bits: 'host' }, '192.168.3.7')).to.equal('192.168.3.7/32');
    expect(podAddressCidr({ ...a, bits: 'host' }, 'fd00:10:244:1::7')).to.equal('fd00:10:244:1::7/128');
    expect(() => podAddressCidr({ ...a, bits: 64 }, '192.168.3.7')).to.throw(
      'pod x/b has the IPv4 address 192.168.3.7: ${podIP:x/b}/64 asks for /64, longer than its 32 bits',
    );
    expect(() => podAddressCidr(a, 'fe80::7%eth0')).to.throw(
      'pod x/b has the address fe80::7%eth0, which is no IP address',
    );
  });

  it('is a plain CIDR before the IP is known when BITS is at most the pod CIDR prefix', () => {
    expect(podAddressFromPool({ namespace: 'x', pod: 'b', bits: 4 }, '192.168.0.0/16')).to.equal('192.0.0.0/4');
    expect(podAddressFromPool({ namespace: 'x', pod: 'b', bits: 16 }, '192.168.0.0/16')).to.equal('192.168.0.0/16');
    expect(podAddressFromPool({ namespace: 'x', pod: 'b', bits: 4 }, '10.244.0.0/16')).to.equal('0.0.0.0/4');
    expect(podAddressFromPool({ namespace: 'x', pod: 'b', bits: 17 }, '192.168.0.0/16')).to.equal(undefined);
    expect(podAddressFromPool({ namespace: 'x', pod: 'b', bits: 4 }, 'fd00:10:244::/56')).to.equal('f000::/4');
    expect(podAddressFromPool({ namespace: 'x', pod: 'b', bits: 56 }, 'fd00:10:244::/56')).to.equal('fd00:10:244::/56');
    expect(podAddressFromPool({ namespace: 'x', pod: 'b', bits: 64 }, 'fd00:10:244::/56')).to.equal(undefined);
  });

  describe('the model, the pods known by name only', () => {
    it("/32: the named pod's IP and no other pod's", () => {
      const w = world({
        pods: [XA, pod('y', 'a', { pod: 'a' }), YB],
        policies: [egressTo({ cidr: '${podIP:y/b}/32' })],
      });
      expect(outcome(w, ['y', 'b'])).to.equal('allowed');
      expect(outcome(w, ['y', 'a'])).to.equal('blocked');
    });

    it("/4 with the pod's /32 excepted: every pod but the named one (the pod CIDR lies inside the /4)", () => {
      const w = world({
        pods: [XA, XB, XC],
        policies: [egressTo({ cidr: '${podIP:x/b}/4', except: ['${podIP:x/b}/32'] })],
      });
      expect(outcome(w, ['x', 'b'])).to.equal('blocked');
      expect(outcome(w, ['x', 'c'])).to.equal('allowed');
      const why = evaluateProbe(w, {
        from: { namespace: 'x', pod: 'a' },
        target: { kind: 'pod', namespace: 'x', pod: 'c' },
        port: 80,
        protocol: 'TCP',
      }).explanation.join('\n');
      expect(why).to.include(
        "${podIP:x/b}/4 is 192.0.0.0/4 (x/b's IP is in pod CIDR 192.168.0.0/16, so the /4 around it is the /4 around 192.168.0.0/16): pod CIDR 192.168.0.0/16 is inside 192.0.0.0/4",
      );
    });

    it('through a service: the endpoint pod is what the ipBlock sees', () => {
      const w = world({
        pods: [XA, YB],
        services: [service('y', 's-y-b', { pod: 'b' }, [[80, 80]])],
        policies: [egressTo({ cidr: '${podIP:y/b}/32' })],
      });
      const r = evaluateProbe(w, {
        from: { namespace: 'x', pod: 'a' },
        target: { kind: 'service-ip', namespace: 'y', service: 's-y-b' },
        port: 80,
        protocol: 'TCP',
      });
      expect(r.outcome).to.equal('allowed');
    });

    it("a prefix longer than the pod CIDR's and shorter than /32: other pods are decided at run time", () => {
      const w = world({ pods: [XA, XB, XC], policies: [egressTo({ cidr: '${podIP:x/b}/24' })] });
      expect(outcome(w, ['x', 'b'])).to.equal('allowed');
      const r = evaluateProbe(w, {
        from: { namespace: 'x', pod: 'a' },
        target: { kind: 'pod', namespace: 'x', pod: 'c' },
        port: 80,
        protocol: 'TCP',
      });
      expect(r.outcome).to.equal('undefined');
      expect(r.decidedAtRunTime).to.be.a('string');
    });

    it('an address outside the pod CIDR is outside any network of a pod longer than the pod CIDR', () => {
      const w = world({ pods: [XA, XB], policies: [egressTo({ cidr: '${podIP:x/b}/24' })] });
      const r = evaluateProbe(w, {
        from: { namespace: 'x', pod: 'a' },
        target: { kind: 'ip', ip: '10.1.2.3' },
        port: 80,
        protocol: 'TCP',
      });
      expect(r.outcome).to.equal('blocked');
    });

    it('a pod address mixed with plain CIDRs: except decides like any except', () => {
      const w = world({ pods: [XA, XB, XC], policies: [egressTo({ cidr: '0.0.0.0/0', except: ['${podIP:x/b}/32'] })] });
      expect(outcome(w, ['x', 'b'])).to.equal('blocked');
      expect(outcome(w, ['x', 'c'])).to.equal('allowed');
    });
  });

  it('once the IPs are known, the policy holds plain CIDRs and the model matches them exactly', () => {
    const p = egressTo({ cidr: '${podIP:x/b}/4', except: ['${podIP:x/b}/32'] });
    const ips: Record<string, string> = { 'x/a': '192.168.0.5', 'x/b': '192.168.0.9', 'x/c': '192.168.0.11' };
    const resolved = resolvePolicyAddresses(p, (ns, name) => ips[`${ns}/${name}`]);
    expect(resolved.egress[0]?.peers?.[0]?.ipBlock).to.deep.equal({ cidr: '192.0.0.0/4', except: ['192.168.0.9/32'] });
    expect(resolvePolicyAddresses(p, () => undefined)).to.deep.equal(p);
    const w = world({
      pods: [XA, XB, XC].map((q) => ({ ...q, ip: ips[`${q.namespace}/${q.name}`] })),
      policies: [resolved],
    });
    expect(outcome(w, ['x', 'b'])).to.equal('blocked');
    expect(outcome(w, ['x', 'c'])).to.equal('allowed');
  });
});
