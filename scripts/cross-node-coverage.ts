// Which kinds of rule and target a live run exercised across nodes: for every probe sent between
// pods on two different nodes (`nodePair: cross-node` in `run --json`), the kinds of the rules the
// model names as deciding it (from the record's explanation, looked up in the scenario's
// policies) and the kind of its target. Prints a table: kind, cross-node probes, same-node probes.
//   npx tsx scripts/cross-node-coverage.ts RUN.json SCENARIO_PATHS…
import { readFileSync } from 'node:fs';
import { loadScenarios } from '../src/scenario/load.js';
import type { NetworkPolicy } from '../src/model/types.js';

const [file, ...paths] = process.argv.slice(2);
if (!file || !paths.length) {
  console.error('usage: scripts/cross-node-coverage.ts RUN.json SCENARIO_PATHS…');
  process.exit(2);
}
const scenarios = new Map(loadScenarios(paths).map((s) => [s.name, s]));

interface Rec {
  kind?: string;
  scenario: string;
  to: string;
  tool: string;
  sent?: boolean;
  nodePair?: string;
  explanation: string[];
}

/** The policies of a scenario by name (every document of every declared policy). */
function policiesOf(scenario: string): Map<string, NetworkPolicy> {
  const s = scenarios.get(scenario);
  const out = new Map<string, NetworkPolicy>();
  for (const p of s?.policies ?? []) for (const d of p.documents) if (d.accepted) out.set(d.policy.name, d.policy);
  return out;
}

/** `POLICY ingress[i]` / `POLICY egress[i]` named in an explanation line: the rules that decided. */
function decidingRules(lines: readonly string[]): { policy: string; direction: 'ingress' | 'egress'; index: number }[] {
  const out: { policy: string; direction: 'ingress' | 'egress'; index: number }[] = [];
  for (const line of lines)
    for (const m of line.matchAll(/([a-z0-9.-]+) (ingress|egress)\[(\d+)\]/g))
      out.push({ policy: m[1] as string, direction: m[2] as 'ingress' | 'egress', index: Number(m[3]) });
  return out;
}

function kindsOf(r: Rec): Set<string> {
  const kinds = new Set<string>();
  if (r.to.startsWith('svc-ip/')) kinds.add('target: service IP');
  else if (r.to.startsWith('pod/')) kinds.add('target: pod IP');
  else if (r.tool !== 'dns') kinds.add('target: service name');
  if (r.explanation.some((l) => /^ingress to .*: isolated by/.test(l))) kinds.add('ingress rules');
  if (r.explanation.some((l) => /^egress from .*: isolated by/.test(l))) kinds.add('egress rules');
  const policies = policiesOf(r.scenario);
  for (const d of decidingRules(r.explanation)) {
    const rule = policies.get(d.policy)?.[d.direction]?.[d.index];
    if (!rule) continue;
    const peers = rule.peers ?? [];
    if (peers.some((p) => p.namespaceSelector)) kinds.add('namespaceSelector');
    if (peers.some((p) => p.podSelector && !p.namespaceSelector)) kinds.add('podSelector');
    if (peers.some((p) => p.ipBlock)) kinds.add('ipBlock');
    if (peers.some((p) => p.ipBlock?.except?.length)) kinds.add('ipBlock except');
    const ports = rule.ports ?? [];
    if (ports.some((p) => typeof p.port === 'string')) kinds.add('named port');
    if (ports.some((p) => p.endPort !== undefined)) kinds.add('endPort');
    if (ports.some((p) => p.protocol === 'UDP')) kinds.add('UDP port');
  }
  return kinds;
}

const counts = new Map<string, { cross: number; same: number }>();
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const r = JSON.parse(line) as Rec;
  if (r.kind || !r.sent || !r.nodePair) continue;
  for (const k of kindsOf(r)) {
    const c = counts.get(k) ?? { cross: 0, same: 0 };
    if (r.nodePair === 'cross-node') c.cross++;
    else c.same++;
    counts.set(k, c);
  }
}
console.log('| rule or target kind | cross-node probes | same-node probes |\n|---|---|---|');
for (const [k, c] of [...counts].sort()) console.log(`| ${k} | ${c.cross} | ${c.same} |`);
