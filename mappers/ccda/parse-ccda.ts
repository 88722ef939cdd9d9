import type { CcdaModel } from './ccda-model.js';
import { setKey } from './ccda-model.js';
import { prepareSource } from './input-checks.js';
import { DEFAULT_CCDA_LIMITS } from './parse-limits.js';
import type { CcdaParseLimits } from './parse-limits.js';
import { XmlReader } from './xml-reader.js';
import { XmlToModel } from './xml-to-model.js';

/** Options of {@link parseCcda}. */
export interface ParseCcdaOptions {
  /** File name used in error locations. */
  file?: string;
  limits?: Partial<CcdaParseLimits>;
}

const LINE_BREAKS_RE = /\r\n|\r|\n/g;

/**
 * Parses a C-CDA document or section fragment into the `msg` model (msfc-compat §4). Throws an EngineError with
 * stage `parse` and a `parse.ccda.*` code for any bad input; never another exception type.
 */
export function parseCcda(text: string, options: ParseCcdaOptions = {}): CcdaModel {
  const limits: CcdaParseLimits = { ...DEFAULT_CCDA_LIMITS, ...options.limits };
  const source = prepareSource(text, limits, options.file);
  const doc = new XmlReader(source, limits).read();
  const model = new XmlToModel(doc, source, limits.maxDepth).convert();
  setKey(model, '_originalData', text.replace(LINE_BREAKS_RE, ''));
  return model;
}
