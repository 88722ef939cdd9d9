import { extname } from 'node:path';
import { EngineError } from '../contracts/errors.js';
import type { MapperSpec } from '../contracts/mapper.js';
import { MAPPERS } from '../../mappers/registry.js';

/**
 * Chooses the mapper for an input: the forced format if given, else content sniffing, else the file extension.
 * Throws `cli.unknown-format` with the formats it knows.
 */
export function detectMapper(text: string, path: string, forced?: string): MapperSpec {
  if (forced) {
    const mapper = MAPPERS[forced];
    if (mapper) return mapper;
    throw unknown(path, `Unknown format '${forced}'`);
  }
  const all = Object.values(MAPPERS);
  const byContent = all.find((m) => m.detect(text));
  if (byContent) return byContent;
  const ext = extname(path).toLowerCase();
  const byExt = all.find((m) => m.extensions.includes(ext));
  if (byExt) return byExt;
  if (text.trim() === '') {
    throw new EngineError('parse.empty', 'Input is empty', {
      stage: 'parse',
      location: { file: path },
      suggestion: 'Remove the empty file from the batch, or check the export that produced it.',
    });
  }
  throw unknown(path, 'Cannot tell the input format from its content or extension');
}

function unknown(path: string, message: string): EngineError {
  return new EngineError('cli.unknown-format', message, {
    stage: 'parse',
    location: { file: path },
    suggestion: `Pass --format with one of: ${Object.keys(MAPPERS).join(', ')}.`,
  });
}
