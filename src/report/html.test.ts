import { expect } from 'chai';
import { escapeHtml, renderHtmlReport, scriptJson } from './html.js';
import type { RecordJson } from './record-json.js';

const record: RecordJson = {
  scenario: 'demo',
  scenarioFile: 'scenarios/demo.yaml',
  line: 12,
  step: 'apply',
  stepIndex: 1,
  from: 'client',
  to: 'web',
  port: 53,
  protocol: 'UDP',
  tool: 'nc',
  documented: ['allowed'],
  provenance: { kind: 'derived' },
  model: 'blocked',
  explanation: ['ingress to default/web: isolated by deny-all; no rule allows it'],
  verdict: 'enforcement-mismatch',
  reason: 'the spec says blocked, the cluster did allowed',
  live: 'allowed',
  output: '</script><script>window.pwned = 1</script><!-- \u2028',
};

function dataBlock(html: string): string {
  const m = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html);
  if (!m?.[1]) throw new Error('no data block in the page');
  return m[1];
}

describe('html report', () => {
  it('escapes text for markup and JSON for a script block', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).to.equal('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(scriptJson({ s: '</script>&\u2028' })).to.equal('{"s":"\\u003c/script\\u003e\\u0026\\u2028"}');
  });

  it('embeds the records so that a </script> in a probe output neither ends the block nor runs', () => {
    const html = renderHtmlReport([record], { title: 'run <1>', generated: '2026-11-21T10:00:00.000Z' });
    expect(html.match(/<\/script>/g)).to.have.length(2);
    expect(html).not.to.include('window.pwned = 1</script>');
    const data = JSON.parse(dataBlock(html)) as { records: RecordJson[]; columns: string[] };
    expect(data.records).to.deep.equal([record]);
    expect(data.columns).to.deep.equal(['web:53/udp']);
    expect(html).to.include('<title>run &lt;1&gt;</title>');
  });

  it('loads nothing from elsewhere: no src or href attributes, and a policy that forbids fetches', () => {
    const html = renderHtmlReport([record], { title: 't', generated: 'g' });
    expect(html).not.to.match(/\s(src|href)=/);
    expect(html).to.include(
      `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`,
    );
  });
});
