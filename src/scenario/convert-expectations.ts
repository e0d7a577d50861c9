import type { ProbeTarget } from '../model/probe.js';
import type { Protocol } from '../model/types.js';
import type { PathSegment } from '../problems.js';
import type { ConvertContext } from './convert-context.js';
import { parseRow, type RowFields } from './expectation-row.js';
import { OUTSIDE_NAMESPACE, type OutsideHost } from './outside.js';
import type { RawExpectation, RawScenario, RawStep } from './raw.js';
import { DNS_LOOKUP, parseTarget, type ParsedTarget } from './target.js';
import type { Expectation, Provenance, ScenarioPod, ScenarioService, Tool } from './types.js';

/** An expectation as written: its fields, or the fields of its row. */
type ExpectationFields =
  | RawExpectation
  | (RowFields & {
      port?: number;
      protocol?: Protocol;
      path?: string;
      file?: string;
      quote?: string;
      reason?: string;
      note?: string;
    });

/** What an expectation's references resolve against. */
export interface ExpectationScope {
  raw: RawScenario;
  step: RawStep;
  pods: readonly ScenarioPod[];
  services: readonly ScenarioService[];
  /** The scenario's `outside:` hosts, which expectations may probe from. */
  outsideHosts: readonly OutsideHost[];
}

/** One entry of a step's `expect:`, a row (`FROM -> TO RESULT …`) or fields; undefined when it cannot be read. */
export function convertExpectation(
  e: string | RawExpectation,
  path: PathSegment[],
  scope: ExpectationScope,
  ctx: ConvertContext,
): Expectation | undefined {
  const fields = expectationFields(e, path, ctx);
  if (!fields) return undefined;
  const outsideFrom = scope.outsideHosts.find((h) => h.name === fields.from);
  const from = outsideFrom
    ? { name: outsideFrom.name, namespace: OUTSIDE_NAMESPACE }
    : ctx.findPod(fields.from, undefined, scope.pods, typeof e === 'string' ? path : [...path, 'from']);
  if (!from) return undefined;
  const toPath = typeof e === 'string' ? path : [...path, 'to'];
  const parsed = expectationTarget(fields.to, toPath, from.namespace, outsideFrom, scope, ctx);
  if (!parsed) return undefined;
  const t = parsed.target;
  const port = fields.port ?? parsed.port;
  if (port === undefined) {
    ctx.report(toPath, `no port: write "${fields.to}:PORT" or give "port"`);
    return undefined;
  }
  if (fields.port !== undefined && parsed.port !== undefined && fields.port !== parsed.port) {
    ctx.report([...path, 'port'], `port ${fields.port} contradicts the port in "${fields.to}"`);
  }
  const protocol = fields.protocol ?? parsed.protocol ?? 'TCP';
  const tool: Tool = fields.tool ?? parsed.impliedTool ?? 'nc';
  checkTool(path, t, parsed.scheme, port, protocol, tool, ctx);
  const expected = (
    Array.isArray(fields.expect) ? fields.expect : typeof fields.expect === 'string' ? [fields.expect] : []
  ) as Expectation['expected'];
  const provenance = convertProvenance(fields, scope.step, scope.raw, path, ctx);
  if (!provenance) return undefined;
  const urlPath = fields.path ?? parsed.path;
  return {
    from: { name: from.name, namespace: from.namespace },
    target: t,
    targetText: fields.to,
    port,
    protocol,
    tool,
    ...(parsed.scheme !== undefined ? { scheme: parsed.scheme } : {}),
    ...(urlPath !== undefined ? { path: urlPath } : {}),
    expected,
    ...(fields.body !== undefined ? { body: fields.body } : {}),
    provenance,
    ...(fields.note !== undefined ? { note: fields.note } : {}),
    ...('fix' in fields && fields.fix !== undefined ? { fix: fields.fix } : {}),
    ...('command' in fields && fields.command !== undefined ? { command: fields.command } : {}),
    ...(provenance.kind === 'documented' &&
    scope.step.section !== undefined &&
    provenance.section !== scope.step.section
      ? { quotedElsewhere: true }
      : {}),
    line: ctx.line(path),
  };
}

/** An expectation written as a row (`FROM -> TO RESULT …`) or as fields. */
function expectationFields(
  e: string | RawExpectation,
  path: PathSegment[],
  ctx: ConvertContext,
): ExpectationFields | undefined {
  if (typeof e !== 'string') return e;
  const row = parseRow(e);
  if ('error' in row) {
    ctx.report(path, row.error);
    return undefined;
  }
  return row;
}

/** The probe's target, which must exist in the scenario (from outside the cluster: a pod). */
function expectationTarget(
  to: string,
  toPath: PathSegment[],
  fromNamespace: string,
  outsideFrom: OutsideHost | undefined,
  scope: ExpectationScope,
  ctx: ConvertContext,
): ParsedTarget | undefined {
  const parsed = parseTarget(to, outsideFrom ? 'default' : fromNamespace);
  if (outsideFrom && !('error' in parsed) && parsed.target.kind !== 'pod') {
    ctx.report(
      toPath,
      `a probe from outside the cluster (${outsideFrom.name}) goes to a pod's IP: write pod/NAME or pod/NAMESPACE/NAME`,
    );
    return undefined;
  }
  if ('error' in parsed) {
    ctx.report(toPath, parsed.error);
    return undefined;
  }
  const t = parsed.target;
  if (t.kind === 'pod' && !scope.pods.some((p) => p.name === t.pod && p.namespace === t.namespace)) {
    ctx.report(toPath, `no pod ${t.namespace}/${t.pod} in this scenario`);
  }
  if (t.kind === 'service-ip' && !scope.services.some((s) => s.name === t.service && s.namespace === t.namespace)) {
    ctx.report(toPath, `no service ${t.namespace}/${t.service} in this scenario`);
  }
  return parsed;
}

/** The tool must fit the target, port and protocol: dns for lookups, TCP for telnet and HTTP, curl for https. */
function checkTool(
  path: PathSegment[],
  t: ProbeTarget,
  scheme: ParsedTarget['scheme'],
  port: number,
  protocol: Protocol,
  tool: Tool,
  ctx: ConvertContext,
): void {
  const isLookup = t.kind === 'lookup';
  if (isLookup !== (tool === 'dns')) {
    ctx.report(
      path,
      isLookup
        ? `a dns: target is a name lookup, probed with the dns tool, not ${tool}`
        : `the dns tool looks a name up: write the target as dns:NAME`,
    );
  } else if (isLookup && (port !== DNS_LOOKUP.port || protocol !== DNS_LOOKUP.protocol)) {
    ctx.report(path, `a DNS lookup goes to ${DNS_LOOKUP.port}/${DNS_LOOKUP.protocol}, not ${port}/${protocol}`);
  } else if (tool === 'telnet' && (protocol !== 'TCP' || scheme !== undefined)) {
    ctx.report(
      path,
      protocol !== 'TCP'
        ? `telnet connects over TCP; use nc for ${protocol}`
        : `telnet connects to HOST:PORT, not a URL: write the target as host:port`,
    );
  } else if (tool !== 'nc' && tool !== 'telnet' && !isLookup && protocol !== 'TCP')
    ctx.report(path, `${tool} speaks HTTP over TCP; use nc for ${protocol}`);
  if (scheme === 'https' && tool !== 'curl') ctx.report(path, `https is probed with curl, not ${tool}`);
}

/**
 * Where a claim (an expectation, an API call) comes from: its own section or its step's, in the
 * scenario's source document unless it names a file; or derived. A claim with neither is a problem.
 */
export function convertProvenance(
  fields: { derived?: boolean; section?: string; file?: string; quote?: string; reason?: string },
  step: RawStep,
  raw: RawScenario,
  path: PathSegment[],
  ctx: ConvertContext,
): Provenance | undefined {
  if (fields.derived) return { kind: 'derived', ...(fields.reason ? { reason: fields.reason } : {}) };
  const section = fields.section ?? step.section;
  if (section !== undefined && !(fields.section === undefined && step.derived)) {
    return {
      kind: 'documented',
      file: fields.file ?? raw.source.file,
      section,
      ...(fields.quote ? { quote: fields.quote } : {}),
    };
  }
  if (step.derived) return { kind: 'derived', ...(fields.reason ? { reason: fields.reason } : {}) };
  ctx.report(path, 'say where this expectation comes from: a section (on the row or its step) or derived');
  return undefined;
}
