import type { ConvertContext } from './convert-context.js';
import type { RawScenario } from './raw.js';
import type { ScenarioService } from './types.js';

/** `services:`: a port's targetPort defaults to its port, its protocol to TCP. */
export function convertServices(raw: RawScenario['services'], ctx: ConvertContext): ScenarioService[] {
  return (raw ?? []).map((s, i) => ({
    name: s.name,
    namespace: s.namespace ?? 'default',
    selector: s.selector,
    ports: s.ports.map((p) => ({
      name: p.name,
      port: p.port,
      targetPort: p.targetPort ?? p.port,
      protocol: p.protocol ?? 'TCP',
    })),
    createdBy: s.createdBy,
    line: ctx.line(['services', i]),
  }));
}
