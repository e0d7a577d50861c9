import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import { loadScenarios } from '../scenario/load.js';
import { checkScenario } from '../reachability/check.js';
import { parseScenario } from '../scenario/parse.js';
import { apiJunitCase, renderJunit, type JunitCase } from './junit.js';

const JUNIT_10 = readFileSync('src/report/testdata/junit-10.xsd', 'utf8');
const TESTCASE_ATTRS =
  '<xs:attribute name="group" type="xs:string"/>\n        </xs:complexType>\n    </xs:element>\n\n    <xs:element name="testsuite">';
/**
 * junit-10.xsd with two attributes more on testcase, `file` and `line`: where the expectation is,
 * as GitLab and pytest's xunit1 write and read them. Nothing else is changed.
 */
const SCHEMA = {
  fileName: 'junit-10-file-line.xsd',
  contents: JUNIT_10.replace(
    TESTCASE_ATTRS,
    TESTCASE_ATTRS.replace(
      '<xs:attribute name="group" type="xs:string"/>',
      '<xs:attribute name="group" type="xs:string"/>\n            <xs:attribute name="file" type="xs:string"/>\n            <xs:attribute name="line" type="xs:string"/>',
    ),
  ),
};

/** xmllint's verdict on `xml` against the Jenkins JUnit schema (junit-10.xsd, with testcase file and line), offline (WebAssembly). */
async function schemaErrors(xml: string, schema = SCHEMA): Promise<string[]> {
  const result = await validateXML({ xml: { fileName: 'report.xml', contents: xml }, schema });
  return result.errors.map((e) => e.rawMessage);
}

const NASTY_STEP = 'bell\\a esc\\e[31m nul\\0 <tag> & \\"quoted\\" \\uFFFE lone \\uD800 end';
const SCENARIO = readFileSync('src/cli/testdata/disagree/disagree.yaml', 'utf8').replace(
  /- name: apply\n/,
  `- name: "${NASTY_STEP}"\n`,
);

function nastyCases(): JunitCase[] {
  const check = checkScenario(parseScenario('nasty.yaml', SCENARIO, () => undefined));
  return check.records.map((record, i) => ({
    record,
    line: record.expectation.line,
    details: [`repro: kubectl exec -n x a -- wget -qO- http://web\u0007`],
    seconds: i * 0.25,
  }));
}

describe('JUnit XML', function () {
  this.timeout(30_000);

  it('the schema check itself rejects what the schema forbids', async () => {
    expect(await schemaErrors('<testsuites><testsuite name="x"/></testsuites>')).not.to.deep.equal([]);
    expect(
      await schemaErrors(
        '<testsuites><testsuite name="x" tests="1" failures="0" errors="0">\u0007</testsuite></testsuites>',
      ),
    ).not.to.deep.equal([]);
  });

  it('the extended schema differs from junit-10.xsd by the two testcase attributes only', () => {
    expect(SCHEMA.contents).not.to.equal(JUNIT_10);
    const added =
      '\n            <xs:attribute name="file" type="xs:string"/>\n            <xs:attribute name="line" type="xs:string"/>';
    expect(SCHEMA.contents.split(added)).to.have.length(2);
    expect(SCHEMA.contents.replace(added, '')).to.equal(JUNIT_10);
  });

  it('is valid against junit-10.xsd for the whole corpus, each testcase with its file and line', async () => {
    const checks = loadScenarios(['scenarios']).map((s) => checkScenario(s));
    const xml = renderJunit(
      'netpol-harness check',
      checks.flatMap((c) => c.records.map((record) => ({ record, line: record.expectation.line }))),
    );
    expect(await schemaErrors(xml)).to.deep.equal([]);
    expect(xml).to.match(
      /<testcase classname="np09-common-use-cases-admin-interface" name="[^"]+" time="0.000" file="scenarios\/000-common-use-cases-admin-interface.yaml" line="\d+">/,
    );
    // Against junit-10.xsd as published, the only complaints are those two attributes.
    const strict = await schemaErrors(xml, { fileName: 'junit-10.xsd', contents: JUNIT_10 });
    expect(strict.length).to.be.greaterThan(0);
    expect(
      strict.filter(
        (e) => !/Element 'testcase', attribute '(file|line)': The attribute '\1' is not allowed\.$/.test(e),
      ),
    ).to.deep.equal([]);
  });

  it('stays well-formed and valid with control characters, markup and lone surrogates in names', async () => {
    const xml = renderJunit('netpol-harness run "x" <1>', nastyCases());
    expect(await schemaErrors(xml)).to.deep.equal([]);
    expect(xml).to.include(
      '[bell\\u{7} esc\\u{1b}[31m nul\\u{0} &lt;tag&gt; &amp; &quot;quoted&quot; \\u{fffe} lone \\u{d800} end]',
    );
    expect(xml).to.include('wget -qO- http://web\\u{7}</failure>');
  });

  it('carries the cluster shape as properties on every suite, still valid', async () => {
    const xml = renderJunit('run', nastyCases(), [
      ['cluster.cni', 'calico'],
      ['cluster.nodes', '2'],
    ]);
    expect(await schemaErrors(xml)).to.deep.equal([]);
    expect(xml).to.include(
      '    <properties>\n      <property name="cluster.cni" value="calico"/>\n      <property name="cluster.nodes" value="2"/>\n    </properties>',
    );
  });

  it("puts the API expectations of run --json in their scenario's suite, valid, a contradicted one failing", async () => {
    const api = (verdict: string, live: string) => ({
      kind: 'api',
      scenario: 'np02-attack-label-rbac',
      scenarioFile: 'scenarios/001-attack-label-rbac.yaml',
      step: 'attacker relabels',
      request: 'label pod victim role=db (as system:serviceaccount:default:attacker)',
      documented: 'forbidden',
      model: 'forbidden',
      live,
      code: 403,
      message: 'pods "victim" is forbidden',
      verdict,
      reason: verdict === 'pass' ? 'as documented' : 'the API server answered otherwise',
    });
    const xml = renderJunit('netpol-harness run r1', [
      apiJunitCase(api('pass', 'forbidden')),
      apiJunitCase(api('enforcement-mismatch', 'ok')),
    ]);
    expect(await schemaErrors(xml)).to.deep.equal([]);
    expect(xml).to.include('<testsuite name="np02-attack-label-rbac" tests="2" failures="1"');
    expect(xml).to.include(
      'name="[attacker relabels] api: label pod victim role=db (as system:serviceaccount:default:attacker) expect forbidden"',
    );
    expect(xml).to.include('model: forbidden\nlive: ok (HTTP 403): pods "victim" is forbidden</failure>');
  });

  it('carries tests, failures, errors, skipped and time on every suite, and the sums on the root', () => {
    const xml = renderJunit('netpol-harness run', nastyCases());
    expect(xml).to.match(/<testsuites name="netpol-harness run" tests="4" failures="1" errors="0" time="1.500">/);
    expect(xml).to.match(
      /<testsuite name="disagree" tests="4" failures="1" errors="0" skipped="0" time="1.500" file="nasty.yaml">/,
    );
    expect(xml).to.include('time="0.750"');
  });
});
