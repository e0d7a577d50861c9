// Start-up and corpus-check times of the CLI as a user runs it, over several runs: min and median
// per command, the built CLI (bin → dist/) next to the old way (TypeScript through tsx at run
// time). Figures, not a test. `npm run build && npm run bench:cli [-- --runs N]`
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 7;
const node = process.execPath;

interface Case {
  label: string;
  args: string[];
  aimSeconds: number;
  /** Exit codes that mean the command did its job (check exits 1: the corpus has disagreements). */
  okCodes: number[];
}

const cases: Case[] = [
  { label: '--version', args: ['--version'], aimSeconds: 0.3, okCodes: [0] },
  { label: '--help', args: ['--help'], aimSeconds: 0.3, okCodes: [0] },
  { label: 'run --help', args: ['run', '--help'], aimSeconds: Infinity, okCodes: [0] },
  { label: 'check scenarios', args: ['check', 'scenarios', '--quiet', '--no-color'], aimSeconds: 1, okCodes: [0, 1] },
];

const ways = [
  { name: 'built (bin → dist)', argv: ['bin/netpol-harness.js'] },
  { name: 'old way (tsx at run time)', argv: ['--import', 'tsx', 'src/cli/main.ts'] },
];

function time(argv: string[], okCodes: number[]): number {
  const started = performance.now();
  const r = spawnSync(node, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  if (!okCodes.includes(r.status ?? -1))
    throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return seconds;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

if (!existsSync('dist/cli/main.js')) {
  console.error('no dist/: run npm run build first');
  process.exit(2);
}
console.log(
  `netpol-harness CLI start-up, ${runs} runs each (node ${process.version}, ${process.platform}/${process.arch})`,
);
console.log(`${'command'.padEnd(18)} ${'way'.padEnd(27)} ${'min s'.padStart(6)} ${'median s'.padStart(9)}  aim`);
let missed = 0;
for (const c of cases) {
  for (const way of ways) {
    const times = Array.from({ length: runs }, () => time([...way.argv, ...c.args], c.okCodes));
    const [min, med] = [Math.min(...times), median(times)];
    const built = way === ways[0];
    const verdict =
      !built || c.aimSeconds === Infinity
        ? ''
        : med <= c.aimSeconds
          ? `≤ ${c.aimSeconds} s: met`
          : `≤ ${c.aimSeconds} s: MISSED`;
    if (verdict.endsWith('MISSED')) missed++;
    console.log(
      `${c.label.padEnd(18)} ${way.name.padEnd(27)} ${min.toFixed(3).padStart(6)} ${med.toFixed(3).padStart(9)}  ${verdict}`,
    );
  }
}
console.log(missed ? `${missed} aim(s) missed (median over ${runs} runs)` : `every aim met (median over ${runs} runs)`);
