import { expect } from 'chai';
import { runInSession, type TestRunFlags } from '../testing/live-session.js';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { reportRuns, type LiveReportOptions } from './live-reports.js';
import { FakeKubeClient } from '../testing/fake-kube.js';
import { parseScenario } from '../scenario/parse.js';
import { findChromium } from '../testing/chromium.js';
import { renderHtmlReport } from './html.js';
import type { RecordJson } from './record-json.js';

/** Where the browser test keeps the report it opened and its screenshots (gitignored). */
const OUT_DIR = resolve('test-output/html-report');

const SCENARIO = `apiVersion: netpol-harness/v1
kind: Scenario
name: html-demo
source: { file: 001_5f6841d6eea2b153.txt, section: Requirements }
workloads:
  - { name: web, image: nginx, labels: { app: web }, ports: [{ containerPort: 80 }] }
clients:
  - { name: friend, image: alpine, labels: { app: friend } }
  - { name: stranger, image: alpine }
services:
  - { name: web, selector: { app: web }, ports: [{ port: 80 }] }
policies:
  - id: allow-friend
    manifest: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: allow-friend }
      spec:
        podSelector: { matchLabels: { app: web } }
        ingress: [{ from: [{ podSelector: { matchLabels: { app: friend } } }] }]
steps:
  - name: baseline
    derived: true
    expect: ["friend -> http://web allowed", "stranger -> http://web allowed"]
  - name: apply allow-friend
    section: "Task 3"
    apply: [allow-friend]
    expect: ["friend -> http://web allowed", "stranger -> http://web blocked"]
`;

/** A page body that would end the data block and run a script if the report did not escape it. */
const HOSTILE_BODY = '<html></script><script>window.pwned = true</script></html>';

describe('html report in a browser', function () {
  this.timeout(120_000);
  const chromium = findChromium();

  before(function () {
    if (!chromium) {
      console.warn(
        '    skipped: no Chromium found (apt-get install chromium, or set NETPOL_HARNESS_CHROMIUM); .ci/run installs it',
      );
      this.skip();
    }
  });

  it('opens the report of a small run; a click on the failing cell shows its document, model, live answer and repro', async () => {
    // The cluster (a fake) lets everything through, so the policy's block is an enforcement mismatch.
    const kube = new FakeKubeClient({ exec: () => ({ stdout: HOSTILE_BODY }) });
    const out: string[] = [];
    const io = { out: (s: string) => void out.push(s), err: () => undefined };
    mkdirSync(OUT_DIR, { recursive: true });
    const htmlFile = join(OUT_DIR, 'report.html');
    const opts: TestRunFlags & LiveReportOptions = {
      concurrency: 2,
      parallel: 1,
      timeout: 2,
      color: false,
      probeMode: 'session',
      html: htmlFile,
    };
    const fast = {
      stabilize: { deadlineSeconds: 0, settleSeconds: 0, intervalMs: 0, maxInFlightPerCell: 1 },
      podPollIntervalMs: 0,
      podReadyTimeoutSeconds: 1,
    };
    const scenario = parseScenario('scenarios/html-demo.yaml', SCENARIO, () => undefined);
    const { runs, runId, durationMs } = await runInSession([scenario], kube, opts, io.err, fast);
    expect(reportRuns({ runs, runId, durationMs }, opts, io)).to.equal(1);

    const { chromium: browserType } = await import('playwright-core');
    const browser = await browserType.launch({ executablePath: chromium, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(htmlFile).href);

      expect(
        await page.locator('#verdict-counts tr[data-verdict="enforcement-mismatch"] td').nth(1).textContent(),
      ).to.equal('1');
      expect(await page.locator('#verdict-counts tr[data-verdict="pass"] td').nth(1).textContent()).to.equal('3');
      const failing = page.locator('button.cell.fail');
      expect(await failing.count()).to.equal(1);
      expect(await failing.textContent()).to.equal('. ≠ doc X');
      expect(await page.locator('#detail').isHidden()).to.equal(true);

      await failing.click();
      const detail = page.locator('#detail');
      expect(await detail.isVisible()).to.equal(true);
      expect(await detail.locator('h2').textContent()).to.equal('stranger → http://web');
      const text = (await detail.textContent()) ?? '';
      expect(text).to.include('enforcement-mismatch');
      expect(text).to.include('the spec says blocked, the cluster did allowed');
      expect(text).to.include('blocked [001_5f6841d6eea2b153.txt § Task 3]');
      expect(text).to.include('ingress to default/web: isolated by allow-friend');
      expect(await detail.locator('pre.output').textContent()).to.equal(HOSTILE_BODY);
      expect(await detail.locator('code.repro').textContent()).to.equal(
        `kubectl exec -n html-demo-${runId}-0-default stranger -c stranger -- wget -qO- -T 2 http://web:80/`,
      );
      expect(await detail.locator('code.command').textContent()).to.match(/^wget -qO- -T 2 /);
      await page.screenshot({ path: join(OUT_DIR, 'failing-cell.png'), fullPage: true });

      await page.locator('#only-failures').check();
      expect(await page.locator('.step:not(.hidden)').count()).to.equal(1);

      expect(await page.evaluate('typeof window.pwned')).to.equal('undefined');
      expect(errors).to.deep.equal([]);
      expect(requests).to.deep.equal([]);
    } finally {
      await browser.close();
    }
    expect(
      existsSync(join(OUT_DIR, 'failing-cell.png')) && statSync(join(OUT_DIR, 'failing-cell.png')).size,
    ).to.be.greaterThan(10_000);
  });
  it('charts the enforcement times once per step, and filters by document', async () => {
    const base: RecordJson = {
      scenario: 'a',
      scenarioFile: 'scenarios/a.yaml',
      line: 10,
      step: 'apply',
      stepIndex: 1,
      from: 'c',
      to: 'web:80',
      port: 80,
      protocol: 'TCP',
      tool: 'nc',
      documented: ['blocked'],
      provenance: { kind: 'documented', file: '000_doc.txt', section: 'S' },
      model: 'blocked',
      explanation: [],
      verdict: 'pass',
      reason: 'document, spec and cluster agree',
      live: 'blocked',
      sent: true,
      enforcement: { lowerMs: 0, upperMs: 1200 },
    };
    const records: RecordJson[] = [
      { ...base, nodePair: 'cross-node' },
      { ...base, line: 11, from: 'd', nodePair: 'same-node' },
      {
        ...base,
        scenario: 'b',
        scenarioFile: 'scenarios/b.yaml',
        provenance: { kind: 'documented', file: '001_doc.txt', section: 'T' },
        enforcement: { lowerMs: 2000, upperMs: 2400 },
      },
      {
        ...base,
        scenario: 'b',
        scenarioFile: 'scenarios/b.yaml',
        stepIndex: 2,
        step: 'again',
        provenance: { kind: 'derived' },
        enforcement: { lowerMs: 5000, upperMs: 5300 },
      },
    ];
    mkdirSync(OUT_DIR, { recursive: true });
    const file = join(OUT_DIR, 'enforcement.html');
    writeFileSync(
      file,
      renderHtmlReport(records, { title: 'enforcement', generated: 'now', cluster: 'calico, 2 nodes' }),
    );
    const { chromium: browserType } = await import('playwright-core');
    const browser = await browserType.launch({ executablePath: chromium, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href);
      expect(await page.locator('#enforcement p').textContent()).to.equal(
        '3 changes: median 2.40 s, p90 5.30 s, max 5.30 s (upper bounds, 1 s bins)',
      );
      expect(await page.locator('#enforcement rect').count()).to.equal(6);
      expect(await page.locator('header').textContent()).to.contain('cluster: calico, 2 nodes');
      // Several nodes: the probes sent between pods by node pair.
      expect(await page.locator('#node-pairs tr').allTextContents()).to.deep.equal([
        'node pairsentnot passing',
        'cross-node10',
        'same-node10',
      ]);
      expect(await page.locator('.step h3').first().textContent()).to.equal(
        'step 2: apply (took effect within 1.20 s after the change)',
      );
      await page.locator('#document').selectOption('001_doc.txt');
      expect(
        await page
          .locator('.scenario:not(.hidden)')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-scenario'))),
      ).to.deep.equal(['b']);
    } finally {
      await browser.close();
    }
  });

  it('the new controls: not sent in grey, the not-passing list, findings with fixes, search, verdict filters, permalinks, copy', async () => {
    const base: RecordJson = {
      scenario: 'demo',
      scenarioFile: 'scenarios/demo.yaml',
      line: 10,
      step: 'apply',
      stepIndex: 1,
      from: 'a',
      to: 'web:80',
      port: 80,
      protocol: 'TCP',
      tool: 'nc',
      documented: ['blocked'],
      provenance: { kind: 'documented', file: '000_doc.txt', section: 'S' },
      model: 'blocked',
      explanation: ['ingress to default/web: isolated by deny'],
      verdict: 'pass',
      reason: 'document, spec and cluster agree',
      live: 'blocked',
      sent: true,
      repro: 'kubectl exec -n demo-1 a -c a -- nc -vz -w 2 10.0.0.9 80',
    };
    const outside = 'example.com is outside the cluster: this machine sends no traffic outside the cluster';
    const records: RecordJson[] = [
      base,
      {
        ...base,
        line: 11,
        from: 'b',
        documented: ['allowed'],
        verdict: 'document-defect',
        reason: 'the document says allowed; the spec and the cluster say blocked',
        repro: "kubectl exec -n demo-1 b -c b -- sh -c 'nc -vz -w 2 10.0.0.9 80'",
      },
      {
        ...base,
        line: 12,
        from: 'c',
        to: 'http://example.com',
        tool: 'wget',
        live: 'not-sent',
        sent: false,
        verdict: 'not-sent',
        liveReason: outside,
        reason: `not sent: ${outside}`,
        repro: undefined,
      },
      {
        ...base,
        scenario: 'other',
        scenarioFile: 'scenarios/other.yaml',
        line: 20,
        model: 'blocked',
        live: 'allowed',
        verdict: 'enforcement-mismatch',
        reason: 'the spec says blocked, the cluster did allowed',
      },
    ];
    const findings = [
      {
        title: 'claim contradicts the NetworkPolicy spec',
        where: '000_doc.txt § S (scenarios/demo.yaml:11)',
        claim: 'b → web:80 (nc, step "apply"): allowed',
        actual: 'blocked',
        scenario: 'demo',
        line: 11,
        fix: 'Say blocked for b → web:80 (apply), or change the policy so that it gives allowed.',
      },
    ];
    mkdirSync(OUT_DIR, { recursive: true });
    const file = join(OUT_DIR, 'controls.html');
    writeFileSync(file, renderHtmlReport(records, { title: 'controls', generated: 'now', findings }));
    const healthy = join(OUT_DIR, 'healthy.html');
    writeFileSync(healthy, renderHtmlReport([base], { title: 'healthy', generated: 'now' }));
    const { chromium: browserType } = await import('playwright-core');
    const browser = await browserType.launch({ executablePath: chromium, args: ['--no-sandbox'] });
    try {
      const context = await browser.newContext();
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(file).href);

      // Not sent: grey, with the reason; counted as not sent, not listed as not passing.
      const unsent = page.locator('button.cell[data-verdict="not-sent"]');
      expect(await unsent.getAttribute('class')).to.equal('cell not-sent');
      expect(await unsent.textContent()).to.equal('–');
      expect(await unsent.getAttribute('title')).to.equal(`not sent: ${outside}`);
      expect(
        await page.evaluate(`getComputedStyle(document.querySelector('button.cell.not-sent')).backgroundColor`),
      ).to.equal('rgb(230, 232, 235)');
      expect(await page.locator('#verdict-counts tr[data-verdict="not-sent"] td').nth(1).textContent()).to.equal('1');
      expect(await page.locator('button.cell.fail').count()).to.equal(2);
      await unsent.click();
      expect(await page.locator('#detail dd').nth(0).textContent()).to.equal('not sent');
      expect(await page.locator('#detail dd').nth(1).textContent()).to.equal(outside);

      // The heading counts what it lists.
      expect(await page.locator('#not-passing h2').textContent()).to.equal('2 not passing');
      expect(
        await page.locator('#not-passing li').evaluateAll((els) => els.map((e) => e.getAttribute('data-verdict'))),
      ).to.deep.equal(['document-defect', 'enforcement-mismatch']);
      await page.locator('#not-passing li a').nth(1).click();
      expect(await page.locator('#detail h2').textContent()).to.equal('a → web:80');
      expect(await page.locator('button.cell.selected').getAttribute('data-verdict')).to.equal('enforcement-mismatch');

      // A finding links to its cell and says what to change.
      const finding = page.locator('#findings li');
      expect(await finding.locator('.fix').textContent()).to.equal(`suggested fix: ${findings[0]?.fix}`);
      await finding.locator('a').click();
      expect(await page.locator('#detail h2').textContent()).to.equal('b → web:80');
      expect(new URL(page.url()).hash).to.equal('#cell/demo/1/b/web:80/80/TCP/nc');
      expect(await page.locator('#detail a.permalink').getAttribute('href')).to.equal(
        '#cell/demo/1/b/web:80/80/TCP/nc',
      );

      // Copy: the repro line, as it is, on the clipboard.
      await page.locator('#detail button.copy').click();
      await page.locator('#detail button.copy', { hasText: 'copied' }).waitFor();
      expect(await page.evaluate('navigator.clipboard.readText()')).to.equal(records[1]?.repro);
      await page.screenshot({ path: join(OUT_DIR, 'controls.png'), fullPage: true });

      // Search picks cells; the verdict filters too.
      const visible = () =>
        page
          .locator('button.cell:not(.hidden)')
          .evaluateAll((els) => els.filter((e) => !e.closest('.hidden')).map((e) => e.getAttribute('data-verdict')));
      await page.locator('#search').fill('example.com');
      expect(await visible()).to.deep.equal(['not-sent']);
      expect(await page.locator('#shown').textContent()).to.equal('showing 1 of 4 probes');
      expect(await page.locator('.scenario:not(.hidden)').count()).to.equal(1);
      await page.locator('#search').fill('');
      await page.locator('#verdict-filter input[value="pass"]').uncheck();
      await page.locator('#verdict-filter input[value="not-sent"]').uncheck();
      expect(await visible()).to.deep.equal(['document-defect', 'enforcement-mismatch']);
      await page.locator('#verdict-filter input[value="pass"]').check();
      expect(await visible()).to.deep.equal(['pass', 'document-defect', 'enforcement-mismatch']);

      // A permalink opens its cell, even one the filters had hidden.
      await page.goto(pathToFileURL(file).href + '#cell/demo/1/c/http://example.com/80/TCP/wget');
      expect(await page.locator('#detail').isVisible()).to.equal(true);
      expect(await page.locator('#detail h2').textContent()).to.equal('c → http://example.com');
      expect(await page.locator('button.cell.selected').getAttribute('data-verdict')).to.equal('not-sent');

      // Nothing failing: no empty "0 not passing" heading.
      await page.goto(pathToFileURL(healthy).href);
      expect(await page.locator('#not-passing').count()).to.equal(0);
      expect(await page.locator('#summary').textContent()).not.to.include('not passing');
      expect(errors).to.deep.equal([]);
    } finally {
      await browser.close();
    }
  });
});
