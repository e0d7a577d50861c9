import { expect } from 'chai';
import { FlagError } from '../errors.js';
import { CLASSES_OF, DEFAULT_FAIL_ON, failOnHelp, parseFailOn } from './fail-on.js';

const RUN_LIST =
  'enforcement-mismatch, document-defect, derived-contradiction, disagrees, flaky, inconclusive, not-sent, api-contradicted';

describe('--fail-on', () => {
  const cases: [string, 'check' | 'run' | 'merge', string[]][] = [
    ['enforcement-mismatch', 'run', ['enforcement-mismatch']],
    ['flaky, enforcement-mismatch', 'run', ['enforcement-mismatch', 'flaky']],
    ['all', 'run', [...CLASSES_OF.run]],
    ['all', 'check', ['disagrees', 'inconclusive', 'rejected']],
    ['all', 'merge', [...CLASSES_OF.run]],
    ['none', 'run', []],
    ['default', 'run', ['enforcement-mismatch', 'disagrees', 'flaky', 'api-contradicted']],
    [
      'default,document-defect',
      'run',
      ['enforcement-mismatch', 'document-defect', 'disagrees', 'flaky', 'api-contradicted'],
    ],
    ['default', 'check', ['disagrees']],
    ['rejected,disagrees,rejected', 'check', ['disagrees', 'rejected']],
    ['not-sent', 'merge', ['not-sent']],
  ];
  for (const [value, command, want] of cases)
    it(`${command} --fail-on ${value}`, () => {
      expect(parseFailOn(value, command)).to.deep.equal(want);
    });

  it('merge: `default` is the default of the command that wrote the files', () => {
    expect(parseFailOn('default', 'merge', DEFAULT_FAIL_ON.check)).to.deep.equal(['disagrees']);
  });

  const bad: [string, 'check' | 'run' | 'merge', string][] = [
    [
      'enforcment-mismatch',
      'run',
      `option --fail-on: invalid value "enforcment-mismatch": expected a comma list of ${RUN_LIST}, or all, none, default`,
    ],
    [
      'rejected',
      'run',
      `option --fail-on: invalid value "rejected": expected a comma list of ${RUN_LIST}, or all, none, default (rejected does not occur in run)`,
    ],
    [
      'rejected',
      'merge',
      `option --fail-on: invalid value "rejected": expected a comma list of ${RUN_LIST}, or all, none, default (rejected does not occur in merge)`,
    ],
    [
      'document-defect',
      'check',
      'option --fail-on: invalid value "document-defect": expected a comma list of disagrees, inconclusive, rejected, or all, none, default (document-defect does not occur in check)',
    ],
    [
      ' , ',
      'check',
      'option --fail-on: invalid value " , ": expected a comma list of disagrees, inconclusive, rejected, or all, none, default',
    ],
    ['none,flaky', 'run', 'option --fail-on: invalid value "none,flaky": none cannot be combined with classes'],
  ];
  for (const [value, command, message] of bad)
    it(`${command} --fail-on "${value}" is a flag error (exit 2) naming the valid classes`, () => {
      expect(() => parseFailOn(value, command))
        .to.throw(FlagError)
        .with.property('message', message);
    });

  it('says each command’s default in its help', () => {
    expect(failOnHelp('run')).to.equal(
      `exit 1 when any of these occurs (a comma list of ${RUN_LIST}; or all, none, default; default: enforcement-mismatch,disagrees,flaky,api-contradicted)`,
    );
    expect(failOnHelp('check')).to.match(/default: disagrees\)$/);
    expect(failOnHelp('merge')).to.match(
      /default: as the command that wrote the files: check disagrees; run enforcement-mismatch,disagrees,flaky,api-contradicted\)$/,
    );
  });
});
