import { expect } from 'chai';
import { canonicalCidr, cidrContainsIp, cidrRelation, ipv4MappedReading, isStrictSubset, isValidCidr } from './cidr.js';

describe('CIDRs, as the API server of Kubernetes 1.34 reads an ipBlock value', () => {
  // [text, the network it means, or undefined when the API server refuses it]
  const cases: [string, string | undefined][] = [
    ['10.0.0.0/8', '10.0.0.0/8'],
    ['10.1.2.3/8', '10.0.0.0/8'], // host bits set: accepted without strict validation
    ['010.000.000.000/8', '10.0.0.0/8'], // ParseCIDRSloppy: leading zeros taken off, decimal
    ['10.0.0.0/08', '10.0.0.0/8'],
    ['10.0.0.0/33', undefined],
    ['10.0.0.0', undefined],
    ['10.0.0.0/', undefined],
    ['10.0.0.0/+8', undefined],
    ['10.0.0.0/8/8', undefined],
    ['10.0/8', undefined],
    ['fd00::/8', 'fd00::/8'],
    ['fd00:10:244:1::5/64', 'fd00:10:244:1::/64'],
    ['fd00:10:244:1::5/4', 'f000::/4'], // the older e2e suite's "pod IP/4"
    ['FD00:0:0:0:0:0:0:0/16', 'fd00::/16'],
    ['fd00::/0064', 'fd00::/64'], // Go's dtoi takes leading zeros in the prefix length
    ['fd00::1/128', 'fd00::1/128'],
    ['fd00::1/129', undefined],
    ['::/0', '::/0'],
    ['fe80::1%eth0/64', undefined],
    ['fd00:::/64', undefined],
    ['fd00::/64 ', undefined],
    ['::ffff:10.0.0.0/104', '::ffff:10.0.0.0/104'],
    ['::ffff:010.0.0.0/104', '::ffff:10.0.0.0/104'], // the sloppy stripping also follows a ':'
    ['[fd00::]/64', undefined],
  ];
  for (const [text, network] of cases) {
    it(`${JSON.stringify(text)} → ${network ?? 'refused'}`, () => {
      expect(isValidCidr(text)).to.equal(network !== undefined);
      if (network !== undefined) expect(canonicalCidr(text)).to.equal(network);
    });
  }

  it('never holds an address of the other family', () => {
    const cases: [string, string, boolean][] = [
      ['0.0.0.0/0', '10.1.2.3', true],
      ['0.0.0.0/0', 'fd00::1', false],
      ['::/0', 'fd00::1', true],
      ['::/0', '10.1.2.3', false],
      ['fd00:10:244::/56', 'fd00:10:244:0:1::7', true],
      ['fd00:10:244::/56', 'fd00:10:245::7', false],
      ['fd00:10:244:1::5/64', 'fd00:10:244:1::9', true],
      ['::ffff:10.0.0.0/104', '10.1.2.3', false],
      ['192.168.0.0/16', '::ffff:192.168.0.1', false],
    ];
    expect(cases.map(([c, ip]) => [c, ip, cidrContainsIp(c, ip)])).to.deep.equal(cases);
  });

  it('relates networks of one family only', () => {
    expect(cidrRelation('fd00::/8', 'fd00:10:244::/56')).to.equal('contains');
    expect(cidrRelation('fd00:10:244:1::/64', 'fd00:10:244::/56')).to.equal('overlaps');
    expect(cidrRelation('fe80::/10', 'fd00:10:244::/56')).to.equal('disjoint');
    expect(cidrRelation('0.0.0.0/0', 'fd00:10:244::/56')).to.equal('disjoint');
    expect(cidrRelation('::/0', '192.168.0.0/16')).to.equal('disjoint');
  });

  it('reads an IPv4-mapped network also as IPv4', () => {
    expect(ipv4MappedReading('::ffff:10.0.0.0/104')).to.equal('10.0.0.0/8');
    expect(ipv4MappedReading('::ffff:0:0/96')).to.equal('0.0.0.0/0');
    expect(ipv4MappedReading('::ffff:10.0.0.0/80')).to.equal(undefined); // masked to ::/80
    expect(ipv4MappedReading('fd00::/8')).to.equal(undefined);
  });

  describe('except: a strict subset of cidr (ValidateIPBlock)', () => {
    // [cidr, except, accepted]
    const cases: [string, string, boolean][] = [
      ['fd00::/8', 'fd00:10:244::/56', true],
      ['fd00::/8', 'fd00:10:244::7/128', true],
      ['fd00::1/8', 'fd00:10:244::7/128', true], // host bits of cidr cleared first
      ['fd00:10:244::/56', 'fd00:10:244::/56', false], // equal is no strict subset
      ['fd00:10:244::/56', 'fd00::/8', false],
      ['fd00:10:244::/56', 'fd00:10:245::/64', false],
      ['fd00:10:244::/56', 'fd00:10:244::5/56', false], // the same network, written otherwise
      ['::/0', '10.0.0.0/8', false], // other family
      ['0.0.0.0/0', 'fd00::/8', false],
      ['0.0.0.0/0', '::ffff:10.0.0.0/104', true], // Go reads the mapped except as 10.0.0.0/8
      ['::/0', '::ffff:10.0.0.0/104', false], // ... so it is no longer inside ::/0
      ['::ffff:10.0.0.0/104', '10.1.0.0/16', false], // 104 >= 16: the lengths as written
      ['10.0.0.0/8', '10.1.0.0/16', true],
    ];
    for (const [cidr, except, accepted] of cases) {
      it(`${cidr} except ${except}: ${accepted ? 'accepted' : 'refused'}`, () => {
        expect(isStrictSubset(cidr, except)).to.equal(accepted);
      });
    }
  });
});
