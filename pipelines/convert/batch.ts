import { readFileSync, statSync } from 'node:fs';
import { EngineError } from '../contracts/errors.js';
import type { MapperSpec } from '../contracts/mapper.js';
import type { ConversionResult, Converter, ConverterOptions } from './converter.js';
import { createConverter } from './converter.js';
import { detectMapper } from './detect-format.js';
import type { InputRef } from './inputs.js';

/** Largest input file read into memory by the batch converter. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** Options of {@link convertBatch}: converter options minus the mapper, plus an optional forced format. */
export interface BatchOptions extends Omit<ConverterOptions, 'mapper'> {
  /** Forces a mapper (format) instead of detecting it per file. */
  format?: string;
  /** Reads standard input (for `-`). */
  readStdin?: () => string;
}

/** Per-input callback: every record's result, in order. */
export type ResultHandler = (input: InputRef, results: ConversionResult[], raw: Buffer | undefined) => void;

/**
 * Converts many inputs with one converter per format (templates compiled once). A bad input yields an error result
 * and the batch goes on; nothing throws for bad input.
 */
export function convertBatch(inputs: InputRef[], options: BatchOptions, onResult: ResultHandler): void {
  const converters = new Map<string, Converter>();
  const converterFor = (mapper: MapperSpec): Converter => {
    let converter = converters.get(mapper.name);
    if (!converter) {
      converter = createConverter({ ...options, mapper });
      converters.set(mapper.name, converter);
    }
    return converter;
  };
  for (const input of inputs) {
    const source = { name: input.path };
    let raw: Buffer | undefined;
    try {
      raw = readInput(input, options);
      const text = decodeText(raw);
      const mapper = detectMapper(text, input.path, options.format);
      onResult(input, converterFor(mapper).convertText(text, source), raw);
    } catch (err) {
      const error =
        err instanceof EngineError
          ? err
          : new EngineError('cli.read-failed', `Cannot read input: ${(err as Error).message}`, {
              stage: 'cli',
              location: { file: input.path },
              suggestion: 'Check that the file exists and is readable.',
            });
      onResult(input, [{ source, recordId: undefined, rootTemplate: undefined, error, ms: 0 }], raw);
    }
  }
}

function readInput(input: InputRef, options: BatchOptions): Buffer {
  if (input.path === '-') return Buffer.from(options.readStdin ? options.readStdin() : readFileSync(0, 'utf8'));
  const size = statSync(input.path).size;
  if (size > MAX_INPUT_BYTES) {
    throw new EngineError('parse.too-large', `Input is ${size} bytes; the limit is ${MAX_INPUT_BYTES}`, {
      stage: 'parse',
      location: { file: input.path },
      suggestion: 'Split the file, or run it through a streaming pipeline (ingest run).',
    });
  }
  return readFileSync(input.path);
}

/** Decodes input bytes: UTF-8 (BOM stripped) unless the bytes are not valid UTF-8, then Latin-1. */
export function decodeText(raw: Buffer): string {
  const start = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf ? 3 : 0;
  const body = raw.subarray(start);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return body.toString('latin1');
  }
}
