import { resolve } from 'node:path';
import type { SourceRef } from '../contracts/mapper.js';
import type { MapperSpec } from '../contracts/mapper.js';
import { isEngineError } from '../contracts/errors.js';
import { createConverter } from '../convert/converter.js';
import type { ConversionResult, Converter } from '../convert/converter.js';
import { detectMapper } from '../convert/detect-format.js';
import { createValidationStep } from '../convert/validation.js';
import { toEngineError } from '../convert/to-engine-error.js';
import { builtInCollectionDir } from '../../templates/collections.js';
import type { MapperConfig, ValidationPolicy } from '../schema/pipeline-config.js';
import { hashTemplateCollection } from './template-hash.js';

/** What one input converted into, plus the hash of the template collection that rendered it. */
export interface ConversionOutput {
  results: ConversionResult[];
  collectionHash: string;
}

/** The conversion step the runner calls per message. Never throws for bad input. */
export interface ConversionService {
  convert(text: string, source: SourceRef): ConversionOutput;
}

/** Builds the default conversion service from a pipeline's mapper config (templates compiled once per format). */
export function createConversionService(mapper: MapperConfig, baseDir: string, policy: ValidationPolicy): ConversionService {
  const templateDirs = mapper.templates.map((d) => resolve(baseDir, d));
  const validate = policy === 'off' ? undefined : createValidationStep();
  const converters = new Map<string, { converter: Converter; hash: string }>();

  function converterFor(spec: MapperSpec): { converter: Converter; hash: string } {
    let entry = converters.get(spec.name);
    if (!entry) {
      const converter = createConverter({
        mapper: spec,
        templateDirs,
        noBuiltIn: !mapper.builtIn,
        rootTemplate: mapper.rootTemplate,
        rootTemplateRules: mapper.rootTemplates,
        timeZone: mapper.timeZone,
        validate,
      });
      const dirs = mapper.builtIn ? [...templateDirs, builtInCollectionDir(spec.name)] : templateDirs;
      entry = { converter, hash: hashTemplateCollection(dirs) };
      converters.set(spec.name, entry);
    }
    return entry;
  }

  return {
    convert(text: string, source: SourceRef): ConversionOutput {
      try {
        const spec = detectMapper(text, source.name, mapper.format === 'auto' ? undefined : mapper.format);
        const { converter, hash } = converterFor(spec);
        return { results: converter.convertText(text, source), collectionHash: hash };
      } catch (err) {
        const error = isEngineError(err) ? err : toEngineError(err, source);
        return { results: [{ source, recordId: undefined, rootTemplate: undefined, error, ms: 0 }], collectionHash: '' };
      }
    },
  };
}
