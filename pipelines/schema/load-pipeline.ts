import { readFileSync } from 'node:fs';
import { EngineError } from '../contracts/errors.js';
import { checkPipelineText } from './check-pipeline.js';
import type { ConfigProblem } from './check-pipeline.js';
import type { PipelineConfig } from './pipeline-config.js';
import type { SchemaCatalog } from './pipeline-schema.js';

/** One problem as text: `file:line:col sinks[0].typ: Unknown key ... — try: ...`. */
export function formatProblem(file: string, p: ConfigProblem): string {
  const at = p.line ? `${file}:${p.line}:${p.col ?? 1}` : file;
  return `${at} ${p.path ? `${p.path}: ` : ''}${p.message}\n    try: ${p.suggestion}`;
}

/** Reads a pipeline file; throws `config.pipeline.not-found` or `config.pipeline.invalid` (first problem located). */
export function loadPipelineFile(file: string, catalog: SchemaCatalog): PipelineConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw pipelineNotFound(file);
  }
  const { config, problems } = checkPipelineText(text, file, catalog);
  if (config) return config;
  const first = problems[0];
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more; run \`ingest pipelines check ${file}\`)` : '';
  throw new EngineError('config.pipeline.invalid', `${first.path ? `${first.path}: ` : ''}${first.message}${more}`, {
    stage: 'config',
    location: { file, line: first.line, col: first.col, path: first.path || undefined },
    suggestion: first.suggestion,
  });
}

/** `config.pipeline.not-found` for a pipeline file that cannot be read. */
export function pipelineNotFound(file: string): EngineError {
  return new EngineError('config.pipeline.not-found', `Pipeline file not found: ${file}`, {
    stage: 'config',
    location: { file },
    suggestion: 'Check the path; examples are in pipelines/examples/.',
  });
}
