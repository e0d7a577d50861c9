import { expect } from 'chai';
import { canonicalIp, hostCidr, hostPort, ipFamily, sameIp } from './ip-address.js';

describe('IP addresses, read as Go netip.ParseAddr reads them', () => {
  // [text, canonical form or undefined when refused]
  const cases: [string, string | undefined][] = [
    ['192.168.3.7', '192.168.3.7'],
    ['0.0.0.0', '0.0.0.0'],
    ['255.255.255.255', '255.255.255.255'],
    ['256.1.1.1', undefined],
    ['010.0.0.1', undefined], // leading zeros: octal to libc, refused by netip
    ['10.1', undefined],
    ['0x0a.0.0.1', undefined],
    ['167772161', undefined],
    ['1.2.3.4 ', undefined],
    ['', undefined],
    ['fd00::1', 'fd00::1'],
    ['FD00:0:0:0:0:0:0:1', 'fd00::1'],
    ['fd00:0000::0001', 'fd00::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['1:2:3:4:5:6:7:8::', undefined], // :: must stand for at least one group
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:2:3:4:5:6:7', undefined],
    ['1::2::3', undefined],
    [':1::', undefined],
    ['1:2:3:4:5:6:7:', undefined],
    ['00001::', undefined],
    ['fe80::1%eth0', undefined],
    ['::1.2.3.4', '::102:304'], // ipaddr.js's own parser makes this ::ffff:1.2.3.4
    ['::ffff:1.2.3.4', '::ffff:1.2.3.4'],
    ['1:2:3:4:5:6:1.2.3.4', '1:2:3:4:5:6:102:304'],
    ['1:2:3:4:5:6:7:1.2.3.4', undefined],
    ['::ffff:01.2.3.4', undefined],
    ['[fd00::1]', undefined],
  ];
  for (const [text, canonical] of cases) {
    it(`${JSON.stringify(text)} → ${canonical ?? 'refused'}`, () => {
      expect(canonicalIp(text)).to.equal(canonical);
    });
  }

  it('tells the families apart', () => {
    expect([ipFamily('10.0.0.1'), ipFamily('fd00::1'), ipFamily('::ffff:10.0.0.1'), ipFamily('web')]).to.deep.equal([
      'ipv4',
      'ipv6',
      'ipv6',
      undefined,
    ]);
  });

  it('compares addresses, not texts', () => {
    expect(sameIp('fd00::1', 'FD00:0:0::1')).to.equal(true);
    expect(sameIp('fd00::1', 'fd00::2')).to.equal(false);
    expect(sameIp('10.0.0.1', '::ffff:10.0.0.1')).to.equal(false);
    expect(sameIp('web', 'web')).to.equal(true);
    expect(sameIp('web', 'db')).to.equal(false);
  });

  it('writes HOST:PORT with an IPv6 literal in brackets', () => {
    expect(hostPort('10.96.0.7', 80)).to.equal('10.96.0.7:80');
    expect(hostPort('fd00::7', 80)).to.equal('[fd00::7]:80');
    expect(hostPort('web.x.svc', '8080')).to.equal('web.x.svc:8080');
  });

  it("writes one address's CIDR: /32 for IPv4, /128 for IPv6", () => {
    expect(hostCidr('172.18.0.9')).to.equal('172.18.0.9/32');
    expect(hostCidr('fd00:10:244::7')).to.equal('fd00:10:244::7/128');
  });
});
