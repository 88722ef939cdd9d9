import type { CcdaModel } from './ccda-model.js';
import { setKey } from './ccda-model.js';
import { prepareSource } from './input-checks.js';
import { DEFAULT_CCDA_LIMITS } from './parse-limits.js';
import type { CcdaParseLimits } from './parse-limits.js';
import { XmlReader } from './xml-reader.js';
import type { XmlSource } from './xml-source.js';
import type { XmlDocument } from './xml-tree.js';
import { CCDA_ERROR_CODES } from './ccda-errors.js';
import { isEngineError } from '../../pipelines/contracts/errors.js';
import { XmlToModel } from './xml-to-model.js';
import { deleteLineBreaks } from './model-strings.js';

/** Options of {@link parseCcda}. */
export interface ParseCcdaOptions {
  /** File name used in error locations. */
  file?: string;
  limits?: Partial<CcdaParseLimits>;
}

const UNDECLARED_CONVENTIONAL_PREFIX = /^Namespace prefix "(xsi|sdtc)" is not declared/;

/**
 * Reads the XML; a document that uses the conventional `xsi:`/`sdtc:` prefixes without declaring them (common in
 * published examples) is read again with those prefixes pre-bound, as section fragments are. Microsoft's engine
 * rejects such documents; we convert them.
 */
function readLeniently(source: XmlSource, limits: CcdaParseLimits): XmlDocument {
  try {
    return new XmlReader(source, limits).read();
  } catch (err) {
    if (isEngineError(err) && err.code === CCDA_ERROR_CODES.malformed && UNDECLARED_CONVENTIONAL_PREFIX.test(err.message)) {
      return new XmlReader(source, limits, true).read();
    }
    throw err;
  }
}

/**
 * Parses a C-CDA document or section fragment into the `msg` model (msfc-compat §4). Throws an EngineError with
 * stage `parse` and a `parse.ccda.*` code for any bad input; never another exception type.
 */
export function parseCcda(text: string, options: ParseCcdaOptions = {}): CcdaModel {
  const limits: CcdaParseLimits = { ...DEFAULT_CCDA_LIMITS, ...options.limits };
  const source = prepareSource(text, limits, options.file);
  const doc = readLeniently(source, limits);
  const model = new XmlToModel(doc, source, limits.maxDepth).convert();
  setKey(model, '_originalData', deleteLineBreaks(text));
  return model;
}
