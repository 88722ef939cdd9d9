import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hl7v2Mapper } from '../mappers/hl7v2/index.js';
import type { ParsedRecord } from '../pipelines/contracts/mapper.js';
import { resolveRootTemplate } from '../pipelines/convert/root-template.js';
import { builtInCollectionDir, packageRoot } from '../templates/collections.js';
import { ALL_FILTERS } from '../templates/filters/all.js';
import { TemplateEngine } from '../templates/runtime/engine.js';
import { renderNodes } from '../templates/runtime/node.js';
import type { CompiledTemplate, Flow, Node, Output } from '../templates/runtime/node.js';
import type { RenderContext } from '../templates/runtime/context.js';
import type { TemplateStore } from '../templates/runtime/template-store.js';
import type { BenchResult } from './types.js';

const FAMILIES = /^(ADT|ORU)_/;
const FIXED_NOW = new Date('2024-01-01T00:00:00Z');

/** Time and calls attributed to one template file. */
export interface TemplateProfileRow {
  /** File path relative to its collection folder, e.g. `Resource/_Patient.liquid`. */
  file: string;
  /** Renders of the file (root, `include` per element, `evaluate`). */
  calls: number;
  /** Wall time inside the file including the partials it rendered (recursion counted once), ms. */
  inclusiveMs: number;
  /** Wall time inside the file minus the partials it rendered, ms. */
  selfMs: number;
  /** Renders that wrote nothing but white space (candidates for a guard at the call site). */
  emptyCalls: number;
  /** Calls per calling template file (`(root)` for the root render). */
  callers: Record<string, number>;
}

/** Options of {@link profileTemplates}. */
export interface TemplateProfileOptions {
  /** HL7v2 message texts; default: the ADT/ORU fixtures (the set of `bench/hl7v2-convert.ts`). */
  texts?: string[];
  /** Collection folder; default: the built-in HL7v2 collection. */
  templateDir?: string;
  /** Passes over all texts (after one warm-up pass). */
  rounds?: number;
  /** Also counts node renders per template line in a separate untimed pass (deterministic work figures). */
  countNodes?: boolean;
}

/** Result of {@link profileTemplates}: rows sorted by self time, highest first. */
export interface TemplateProfile {
  rows: TemplateProfileRow[];
  messages: number;
  totalMs: number;
  /** With `countNodes`: node renders per `file:line` over one pass, and that pass's message count. */
  nodeCounts?: { lines: Map<string, number>; messages: number };
}

/** The ADT/ORU fixture messages of `fixtures/hl7v2` (the `bench/hl7v2-convert.ts` set). */
export function fixtureMessages(): string[] {
  const dir = join(packageRoot(), 'fixtures', 'hl7v2');
  return readdirSync(dir)
    .filter((d) => FAMILIES.test(d) && statSync(join(dir, d)).isDirectory())
    .flatMap((d) => readdirSync(join(dir, d)).filter((f) => f.endsWith('.hl7')).map((f) => readFileSync(join(dir, d, f), 'utf8')));
}

interface Frame {
  file: string;
  started: number;
  children: number;
}

/** Collects per-file figures; one instance per profiling run. */
class Recorder {
  readonly rows = new Map<string, TemplateProfileRow>();
  private readonly stack: Frame[] = [];
  private readonly active = new Map<string, number>();
  enabled = false;

  enter(file: string): Frame {
    const frame = { file, started: performance.now(), children: 0 };
    this.stack.push(frame);
    return frame;
  }

  leave(file: string, frame: Frame, wrote: boolean): void {
    const elapsed = performance.now() - frame.started;
    this.stack.pop();
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.children += elapsed;
    if (!this.enabled) return;
    const row = this.rows.get(file) ?? { file, calls: 0, inclusiveMs: 0, selfMs: 0, emptyCalls: 0, callers: {} };
    row.calls++;
    if (!wrote) row.emptyCalls++;
    const caller = parent ? parent.file : '(root)';
    row.callers[caller] = (row.callers[caller] ?? 0) + 1;
    row.selfMs += elapsed - frame.children;
    if ((this.active.get(file) ?? 0) === 0) row.inclusiveMs += elapsed;
    this.rows.set(file, row);
  }

  open(file: string): void {
    this.active.set(file, (this.active.get(file) ?? 0) + 1);
  }

  close(file: string): void {
    this.active.set(file, (this.active.get(file) ?? 1) - 1);
  }
}

/** Stands in for the node list of a compiled template and times every render of it. */
class ProfiledTemplateNode implements Node {
  readonly loc;

  constructor(
    private readonly file: string,
    private readonly nodes: Node[],
    private readonly recorder: Recorder,
  ) {
    this.loc = nodes[0]?.loc ?? { file, line: 1, col: 1 };
  }

  render(ctx: RenderContext, out: Output): Flow {
    const frame = this.recorder.enter(this.file);
    const before = out.text.length;
    this.recorder.open(this.file);
    try {
      return renderNodes(this.nodes, ctx, out);
    } finally {
      this.recorder.close(this.file);
      this.recorder.leave(this.file, frame, out.text.length !== before && out.text.slice(before).trim().length > 0);
    }
  }
}

/** Counts the renders of one node under its template line. */
class CountingNode implements Node {
  readonly loc;

  constructor(
    private readonly inner: Node,
    private readonly key: string,
    private readonly counts: Map<string, number>,
  ) {
    this.loc = inner.loc;
  }

  render(ctx: RenderContext, out: Output): Flow {
    this.counts.set(this.key, (this.counts.get(this.key) ?? 0) + 1);
    return this.inner.render(ctx, out);
  }
}

function isNode(value: unknown): value is Node {
  const node = value as Partial<Node> | null;
  return typeof node === 'object' && node !== null && typeof node.render === 'function' && typeof node.loc?.line === 'number';
}

/** Wraps, in place, every node reachable from `value` (node lists of tags included) in a {@link CountingNode}. */
function wrapNodes(value: unknown, collection: string, counts: Map<string, number>, seen: WeakSet<object>): void {
  if (typeof value !== 'object' || value === null || seen.has(value) || value instanceof Map || value instanceof Set) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      wrapNodes(item, collection, counts, seen);
      if (isNode(item)) value[i] = new CountingNode(item, `${relative(collection, item.loc.file)}:${item.loc.line}`, counts);
    }
    return;
  }
  for (const key of Object.keys(value)) wrapNodes((value as Record<string, unknown>)[key], collection, counts, seen);
}

/** Makes every template the engine's store hands out report to `recorder` (engine untouched; bench-only wrapping). */
function instrument(engine: TemplateEngine, collection: string, wrap: (template: CompiledTemplate, file: string) => void): void {
  const store = (engine as unknown as { store: TemplateStore }).store;
  const lookup = store.template.bind(store);
  const wrapped = new WeakSet<CompiledTemplate>();
  store.template = (key: string): CompiledTemplate | undefined => {
    const template = lookup(key);
    if (template && !wrapped.has(template)) {
      wrapped.add(template);
      wrap(template, relative(collection, template.file));
    }
    return template;
  };
}

function newEngine(collection: string): TemplateEngine {
  return new TemplateEngine({ templateDirs: [collection], filters: ALL_FILTERS, codeMappingKey: 'CodeSystem/CodeSystem', now: () => FIXED_NOW });
}

function renderAll(engine: TemplateEngine, texts: string[]): number {
  let messages = 0;
  for (const text of texts) {
    for (const record of hl7v2Mapper.parse(text, { name: 'profile' }) as ParsedRecord[]) {
      engine.render(resolveRootTemplate(engine, record), { [hl7v2Mapper.dataKey]: record.model });
      messages++;
    }
  }
  return messages;
}

/** Renders the messages with timing wrapped around every template file; parse and post-process are outside the figures. */
export function profileTemplates(options: TemplateProfileOptions = {}): TemplateProfile {
  const collection = options.templateDir ?? builtInCollectionDir('hl7v2');
  const texts = options.texts ?? fixtureMessages();
  const engine = newEngine(collection);
  const recorder = new Recorder();
  instrument(engine, collection, (template, file) => {
    template.nodes = [new ProfiledTemplateNode(file, template.nodes, recorder)];
  });
  renderAll(engine, texts);
  recorder.enabled = true;
  let messages = 0;
  const rounds = options.rounds ?? 20;
  for (let i = 0; i < rounds; i++) messages += renderAll(engine, texts);
  const rows = [...recorder.rows.values()].sort((a, b) => b.selfMs - a.selfMs);
  const totalMs = rows.reduce((sum, r) => sum + r.selfMs, 0);
  if (!options.countNodes) return { rows, messages, totalMs };
  const counting = newEngine(collection);
  const lines = new Map<string, number>();
  const seen = new WeakSet<object>();
  instrument(counting, collection, (template) => wrapNodes(template.nodes, collection, lines, seen));
  return { rows, messages, totalMs, nodeCounts: { lines, messages: renderAll(counting, texts) } };
}

/** The profile as a fixed-width table of the `top` rows by self time. */
export function formatProfile(profile: TemplateProfile, top = 30): string {
  const perMsg = (ms: number): string => ((ms * 1000) / profile.messages).toFixed(1).padStart(8);
  const lines = [
    `${'template'.padEnd(44)} ${'calls/msg'.padStart(9)} ${'self µs/msg'.padStart(11)} ${'self %'.padStart(6)} ${'incl µs/msg'.padStart(11)} ${'empty %'.padStart(7)}`,
  ];
  for (const row of profile.rows.slice(0, top)) {
    lines.push(
      `${row.file.padEnd(44)} ${(row.calls / profile.messages).toFixed(2).padStart(9)} ${perMsg(row.selfMs).padStart(11)} ` +
        `${((row.selfMs * 100) / profile.totalMs).toFixed(1).padStart(6)} ${perMsg(row.inclusiveMs).padStart(11)} ${((row.emptyCalls * 100) / row.calls).toFixed(0).padStart(7)}`,
    );
  }
  return lines.join('\n');
}

/** The `top` template lines by node renders per message (needs `countNodes`). */
export function formatHotLines(profile: TemplateProfile, top = 15): string {
  if (!profile.nodeCounts) return '';
  const { lines, messages } = profile.nodeCounts;
  return [...lines]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([line, count]) => `${(count / messages).toFixed(1).padStart(8)}  ${line}`)
    .join('\n');
}

/** Node renders per message over the counting pass (needs `countNodes`). */
export function nodeRendersPerMessage(profile: TemplateProfile): number {
  if (!profile.nodeCounts) return 0;
  let total = 0;
  for (const count of profile.nodeCounts.lines.values()) total += count;
  return total / profile.nodeCounts.messages;
}

/** Per-template render time of the built-in HL7v2 collection on the ADT/ORU fixtures; prints the top 30 by self time. */
export async function run(): Promise<BenchResult[]> {
  const profile = profileTemplates({ countNodes: true });
  console.log(formatProfile(profile));
  console.log(`node renders/msg by template line:\n${formatHotLines(profile)}`);
  const note = `${profile.messages} renders, ${profile.rows.length} template files, timing wrapped around each file`;
  const calls = profile.rows.reduce((sum, r) => sum + r.calls, 0) / profile.messages;
  return Promise.resolve([
    { name: 'hl7v2 templates: render time per message (instrumented)', value: (profile.totalMs * 1000) / profile.messages, unit: 'µs', note },
    { name: 'hl7v2 templates: template renders per message', value: calls, unit: 'calls' },
    { name: 'hl7v2 templates: node renders per message', value: nodeRendersPerMessage(profile), unit: 'nodes' },
  ]);
}
