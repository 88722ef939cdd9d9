import { EngineError } from '../../pipelines/contracts/index.js';
import type { ErrorLocation } from '../../pipelines/contracts/index.js';

/** Stable error codes of post-processing (msfc-compat §10: 1401 JsonParsingError, 1402 JsonMergingError). */
export const POSTPROCESS_CODES = {
  jsonParsing: 'postprocess.json-parsing',
  jsonMerging: 'postprocess.json-merging',
} as const;

/** 1-based line and column (UTF-16 units) of `offset` in `text`; lines end at LF. */
export function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** `postprocess.json-parsing` at `offset` of the rendered text. `problem` describes token kinds only, never text. */
export function jsonParsingError(rendered: string, offset: number, problem: string, suggestion: string): EngineError {
  const location = lineColAt(rendered, offset);
  return new EngineError(
    POSTPROCESS_CODES.jsonParsing,
    `Rendered template output is not valid JSON at line ${location.line}, col ${location.col}: ${problem}`,
    { stage: 'postprocess', location, suggestion, ref: 'msfc-compat §8.2' },
  );
}

/** `postprocess.json-merging` for the bundle entry at `location.path`. */
export function jsonMergingError(problem: string, location: ErrorLocation): EngineError {
  return new EngineError(POSTPROCESS_CODES.jsonMerging, `Bundle entries cannot be merged: ${problem}`, {
    stage: 'postprocess',
    location,
    suggestion:
      'Emit each bundle entry as an object whose resource.resourceType, resource.meta.versionId and resource.id are text values.',
    ref: 'msfc-compat §8.4',
  });
}
