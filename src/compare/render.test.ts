import { expect } from 'chai';
import { compareRuns } from './diff.js';
import { runRecord } from './fixtures.js';
import { escapeHtml, renderCompareHtml } from './render-html.js';
import { renderCompareMarkdown } from './render-markdown.js';
import { renderCompareConsole } from './render-text.js';

const a = [runRecord(), runRecord({ from: 'y/a', live: 'allowed', model: 'allowed' })];
const b = [
  runRecord({
    live: 'allowed',
    verdict: 'enforcement-mismatch',
    liveReason: 'Connection to 10.96.0.12 81 port [tcp/*] succeeded!',
    repro: 'kubectl exec B',
  }),
  runRecord({ from: 'y/a', live: 'allowed', model: 'allowed' }),
];
const c = compareRuns(
  { label: 'calico', file: 'c.json', records: a },
  { label: 'kube-router', file: 'k.json', records: b },
);

describe('compare: reports', () => {
  it("console: totals, then per scenario and rule kind both answers, the model's reasons and both repro lines", () => {
    const text = renderCompareConsole(c);
    expect(text.split('\n').slice(0, 3)).to.deep.equal([
      'A: calico (c.json, run aaaaaa-0, 2 probes)',
      'B: kube-router (k.json, run aaaaaa-0, 2 probes)',
      '2 probes in both runs: 1 the same, 1 differ; 0 only in calico, 0 only in kube-router',
    ]);
    expect(text).to.include(
      [
        'e2e-tcp-ports',
        '  TCP: denied on ingress (1)',
        '    [allow y on 81] x/b -> svc-ip/x/s-x-a:81 (nc)   model blocked',
        '      calico       blocked [pass]: nc: connect to 10.96.0.12 port 81 (tcp) timed out: Operation now in progress',
        '      kube-router  allowed [enforcement-mismatch]: Connection to 10.96.0.12 81 port [tcp/*] succeeded!',
        '      why (model): to the cluster IP of service x/s-x-a',
      ].join('\n'),
    );
    expect(text).to.include('      repro kube-router: kubectl exec B');
    expect(text.trimEnd().split('\n').at(-1)).to.equal('the runs differ');
  });

  it('counts the differing probes by node pair in each run that had several nodes', () => {
    const twoNodes = compareRuns(
      { label: 'one node', file: 'a.json', records: a },
      { label: 'two nodes', file: 'b.json', records: b.map((r) => ({ ...r, nodePair: 'cross-node' as const })) },
    );
    expect(renderCompareConsole(twoNodes).split('\n')[2]).to.equal(
      '2 probes in both runs: 1 the same, 1 differ; 0 only in one node, 0 only in two nodes; the differing probes by node pair in two nodes: 1 cross-node, 0 same-node',
    );
  });

  it('Markdown: the differences by rule kind, then a table per rule kind with both repro lines, pipes escaped', () => {
    const md = renderCompareMarkdown(c);
    expect(md).to.include(
      '## By rule kind\n\n| rule kind | probes that differ | scenarios |\n|---|---|---|\n| TCP: denied on ingress | 1 | 1 |\n',
    );
    expect(md).to.include(
      '## e2e-tcp-ports\n\n### TCP: denied on ingress (1)\n\n| step | probe | model | calico | kube-router | why (model) | repro calico | repro kube-router |',
    );
    expect(md).to.include(
      '| ` kubectl exec -n e2e-tcp-ports-aaaaaa-0-x b -c nph-probe -- nc -vz -w 2 10.96.0.12 81 ` | ` kubectl exec B ` |\n',
    );
    const ticks = renderCompareMarkdown(
      compareRuns(
        { label: 'a', file: 'x', records: [runRecord({ repro: "sh -c 'echo `id` | cat'" })] },
        { label: 'b', file: 'y', records: [runRecord({ live: 'allowed' })] },
      ),
    );
    expect(ticks).to.include("| `` sh -c 'echo `id` \\| cat' `` |");
    expect(md).to.include('| allow y on 81 | x/b -> svc-ip/x/s-x-a:81 (nc) | blocked | blocked [pass]: nc: connect');
    const piped = renderCompareMarkdown(
      compareRuns(
        { label: 'a|b', file: 'x', records: [runRecord()] },
        { label: 'c', file: 'y', records: [runRecord({ live: 'allowed' })] },
      ),
    );
    expect(piped).to.include('| a\\|b | c |');
  });

  it('HTML: the same content, escaped', () => {
    expect(escapeHtml('<a href="x">&</a>')).to.equal('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
    const html = renderCompareHtml(c);
    expect(html).to.include('<h2>e2e-tcp-ports</h2>');
    expect(html).to.include(
      '<th>calico</th><th>kube-router</th><th>why (model)</th><th>repro calico</th><th>repro kube-router</th>',
    );
    expect(html).to.include('<td><code>kubectl exec B</code></td></tr>');
    expect(html).to.include(
      '<table id="by-rule-kind"><tr><th>rule kind</th><th>probes that differ</th><th>scenarios</th></tr>\n<tr><td>TCP: denied on ingress</td><td>1</td><td>1</td></tr>',
    );
    expect(html).to.include('Connection to 10.96.0.12 81 port [tcp/*] succeeded!');
    expect(html).to.not.include('<script');
  });

  it('says so when the runs agree', () => {
    const same = compareRuns({ label: 'a', file: 'a', records: a }, { label: 'b', file: 'b', records: a });
    expect(renderCompareConsole(same).trimEnd().split('\n').at(-1)).to.equal('the runs agree on every probe');
    expect(renderCompareMarkdown(same)).to.include('The live answers are the same for every probe both runs made.');
  });
});
