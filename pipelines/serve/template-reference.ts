import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parameterPath } from '../../connectors/http/convert-data-request.js';
import { EngineError } from '../contracts/errors.js';

/** Azure's default template image references → the input data type their templates convert. */
const AZURE_DEFAULT_REFERENCES: Record<string, string> = {
  'microsofthealth/fhirconverter:default': 'hl7v2',
  'microsofthealth/hl7v2templates:default': 'hl7v2',
  'microsofthealth/ccdatemplates:default': 'ccda',
  'microsofthealth/jsontemplates:default': 'json',
  'microsofthealth/stu3tor4templates:default': 'fhir',
};

const DEFAULT_FOR: Record<string, string> = { hl7v2: 'microsofthealth/hl7v2templates:default', ccda: 'microsofthealth/ccdatemplates:default' };

function refused(message: string, format: string, templateRoot: string | undefined): EngineError {
  const folders = templateRoot ? ', or the name of a folder inside the server\'s templates root' : ' (local folders are off: start `ingest serve --template-dir ROOT` to allow folders inside ROOT)';
  return new EngineError('parse.convert-data.template-reference', message, {
    stage: 'parse',
    location: { path: parameterPath('templateCollectionReference') },
    suggestion: `Use ${DEFAULT_FOR[format] ?? 'microsofthealth/hl7v2templates:default'} (the built-in collection)${folders}.`,
  });
}

function localFolder(ref: string, format: string, templateRoot: string): string {
  const root = realpathSync(templateRoot);
  let real: string;
  try {
    real = realpathSync(isAbsolute(ref) ? ref : resolve(root, ref));
  } catch {
    throw refused(`Template folder '${ref}' does not exist under the templates root`, format, templateRoot);
  }
  const inside = relative(root, real);
  if (inside.startsWith('..') || isAbsolute(inside)) throw refused(`Template folder '${ref}' is outside the templates root`, format, templateRoot);
  if (!statSync(real).isDirectory()) throw refused(`Template reference '${ref}' is not a folder`, format, templateRoot);
  return real;
}

/**
 * Maps Azure's `templateCollectionReference` to template folders layered over the built-in collection: none for
 * Azure's default images (and for no reference), the folder for a path inside `templateRoot`. Registry images
 * (`name:tag`, `name@sha256:…`), folders outside the root and defaults of another data type throw
 * `parse.convert-data.template-reference`.
 */
export function resolveTemplateCollection(ref: string | undefined, format: string, templateRoot: string | undefined): string[] {
  if (!ref) return [];
  const azure = AZURE_DEFAULT_REFERENCES[ref.toLowerCase()];
  if (azure === format) return [];
  if (azure) throw refused(`templateCollectionReference '${ref}' holds ${azure} templates, not ${format}`, format, templateRoot);
  if (ref.includes(':') || ref.includes('@')) {
    throw refused(`templateCollectionReference '${ref}' is a container registry image; this server does not pull template images`, format, templateRoot);
  }
  if (!templateRoot) throw refused(`templateCollectionReference '${ref}' names a folder, but local template folders are not enabled`, format, templateRoot);
  return [localFolder(ref, format, templateRoot)];
}
