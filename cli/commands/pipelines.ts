import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { checkPipelineText } from '../../pipelines/schema/check-pipeline.js';
import { DEFAULT_CATALOG, listCatalog } from '../../pipelines/schema/catalog.js';
import { formatProblem, pipelineNotFound } from '../../pipelines/schema/load-pipeline.js';
import { EXIT, handle } from '../handle.js';

/** Text of `ingest pipelines list`: every source, sink, mapper and validator with its summary. */
export function renderCatalogList(): string {
  const entries = listCatalog();
  const width = Math.max(...entries.map((e) => e.name.length)) + 2;
  const lines: string[] = [];
  for (const kind of ['source', 'sink', 'mapper', 'validator'] as const) {
    lines.push(`${kind}s:`);
    for (const e of entries.filter((x) => x.kind === kind)) {
      lines.push(`  ${e.name.padEnd(width)}${e.summary}${e.stability ? ` [${e.stability}]` : ''}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** Checks one pipeline file; writes problems (or an OK line) and returns the exit code. */
export function runPipelinesCheck(file: string, out: (text: string) => void): number {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return handle(pipelineNotFound(file));
  }
  const { config, problems } = checkPipelineText(text, file, DEFAULT_CATALOG);
  if (config) {
    const sinks = config.sinks.map((s) => s.type).join(', ');
    out(`${file}: OK — pipeline ${config.name}: ${config.source.type} → ${config.mapper.format} → ${sinks} (validation ${config.validation.policy})\n`);
    return EXIT.ok;
  }
  out(problems.map((p) => formatProblem(file, p)).join('\n') + `\n${problems.length} problem(s) in ${file}\n`);
  return EXIT.usage;
}

/** Registers `ingest pipelines list` and `ingest pipelines check FILE...`. */
export function registerPipelinesCommand(program: Command): void {
  const cmd = program.command('pipelines').summary('list connectors, mappers and validators; check pipeline files');
  cmd
    .command('list')
    .description('List every source, sink, mapper and validator a pipeline file can use, with summaries.')
    .action(() => {
      process.stdout.write(renderCatalogList());
    });
  cmd
    .command('check')
    .description('Check pipeline files against the schema; print each problem with its line, key and a fix.')
    .argument('<files...>', 'pipeline YAML files')
    .action((files: string[]) => {
      const codes = files.map((f) => runPipelinesCheck(f, (t) => process.stdout.write(t)));
      process.exitCode = Math.max(...codes);
    });
}
