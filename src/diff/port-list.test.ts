import { expect } from 'chai';
import { MAX_PORTS, parsePortList } from './port-list.js';

const HOW = 'write a comma list of PORT, FROM-TO or either with /tcp or /udp, such as 80,443,53/udp,8000-8010';

describe('--ports', () => {
  it('reads ports, ranges and protocols, TCP unless /udp, each port once', () => {
    const cases: [string, string[]][] = [
      ['80', ['80/TCP']],
      ['80,443/tcp, 53/UDP', ['80/TCP', '443/TCP', '53/UDP']],
      ['8000-8002', ['8000/TCP', '8001/TCP', '8002/TCP']],
      ['5000-5001/udp,80,80/tcp', ['5000/UDP', '5001/UDP', '80/TCP']],
      ['1,65535', ['1/TCP', '65535/TCP']],
    ];
    for (const [value, want] of cases) {
      expect(
        parsePortList(value).map((p) => `${p.port}/${p.protocol}`),
        value,
      ).to.deep.equal(want);
    }
  });

  it('exits 2 naming the flag, the value and what is wrong', () => {
    const cases: [string, string][] = [
      ['', 'an empty item'],
      ['80,,81', 'an empty item'],
      ['http', '"http" is no port'],
      ['80/sctp', '"80/sctp" is no port'],
      ['-80', '"-80" is no port'],
      ['0', 'port 0 in "0" is not in 1-65535'],
      ['70000', 'port 70000 in "70000" is not in 1-65535'],
      ['90-80', 'the range "90-80" ends before it starts'],
      ['1-2000', `the range "1-2000" holds 2000 ports, more than ${MAX_PORTS}`],
      ['1-1000,2000-2100', `1101 ports in all, more than ${MAX_PORTS}`],
    ];
    for (const [value, why] of cases) {
      expect(() => parsePortList(value), value)
        .to.throw(`option --ports: invalid value "${value}": ${why}; ${HOW}`)
        .with.property('name', 'FlagError');
    }
  });
});
