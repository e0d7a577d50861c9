import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { Command } from 'commander';
import { installers } from './installers.js';

/** Modules reachable from `entry` through static imports (not `import()`), as repository paths. */
function staticImports(entry: string): { modules: Set<string>; packages: Set<string> } {
  const modules = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
      const spec = m[1] as string;
      if (/^import\s+type\s/.test(m[0]) || /^export\s+type\s/.test(m[0])) continue;
      if (spec.startsWith('.')) visit(normalize(join(dirname(file), spec.replace(/\.js$/, '.ts'))));
      else packages.add(spec);
    }
  };
  visit(entry);
  return { modules, packages };
}

describe('cli: the live side loads only for live commands', () => {
  const { modules, packages } = staticImports('src/cli/main.ts');

  it('check, findings, --help and --version load no Kubernetes client, execa, kind or live engine', () => {
    expect(modules).to.include('src/cli/check-command.ts');
    const thirdParty = [...packages].filter((p) => !p.startsWith('node:')).sort();
    expect(thirdParty).to.deep.equal(['commander', 'ipaddr.js', 'yaml']);
    expect(packages).not.to.include('execa');
    for (const m of modules)
      expect(m, m).not.to.match(/^src\/(cluster|engine|kube|probe)\/|run-command|cluster-commands/);
  });

  it('lists each lazy command with the description the command itself declares', async () => {
    for (const lazy of installers) {
      const program = new Command();
      (await lazy.load())(program, { out: () => undefined, err: () => undefined, colorOut: false }, () => undefined);
      for (const { name, summary } of lazy.commands)
        expect(program.commands.find((c) => c.name() === name)?.description(), name).to.equal(summary);
    }
  });
});
