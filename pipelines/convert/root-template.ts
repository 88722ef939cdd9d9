import { EngineError } from '../contracts/errors.js';
import type { ParsedRecord } from '../contracts/mapper.js';

/** What root-template resolution needs from the engine. */
export interface TemplateLookup {
  hasTemplate(key: string): boolean;
}

/** Generic root template used when a collection has no template for the record's type. */
export const FALLBACK_ROOT_TEMPLATE = 'Generic';

/**
 * Picks the root template: the explicit one, else the one derived from the content (MSH-9 → `ADT_A01`), else the
 * collection's `Generic` fallback. Throws `template.root-not-found` naming what was tried.
 */
export function resolveRootTemplate(engine: TemplateLookup, record: ParsedRecord, explicit?: string): string {
  if (explicit) {
    if (engine.hasTemplate(explicit)) return explicit;
    throw notFound([explicit], record);
  }
  const tried: string[] = [];
  for (const candidate of [record.rootTemplate, FALLBACK_ROOT_TEMPLATE]) {
    if (!candidate) continue;
    tried.push(candidate);
    if (engine.hasTemplate(candidate)) return candidate;
  }
  throw notFound(tried, record);
}

function notFound(tried: string[], record: ParsedRecord): EngineError {
  const what = tried.length > 0 ? tried.map((t) => `'${t}'`).join(', ') : 'none (the input names no message type)';
  return new EngineError('template.root-not-found', `No root template found; tried ${what}`, {
    stage: 'render',
    location: { file: record.source.name, record: record.source.record },
    suggestion: 'Pass --root-template NAME, or add NAME.liquid to your --template-dir collection.',
  });
}
