import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parameterPath } from '../../connectors/http/convert-data-request.js';
import { keyToRelativePath } from '../../templates/runtime/template-files.js';
import { EngineError } from '../contracts/errors.js';
import { closest } from '../schema/suggest.js';

const MAX_NAME = 200;

function rootTemplatesIn(dirs: string[]): string[] {
  const names = new Set<string>();
  for (const dir of dirs) {
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isFile() && e.name.endsWith('.liquid') && !e.name.startsWith('_')) names.add(e.name.slice(0, -7));
  }
  return [...names].sort();
}

/**
 * Checks that `rootTemplate` names a template file in one of `dirs` (highest priority first), so an unknown name is
 * a 400 naming the parameter rather than a silent fallback. Throws `parse.convert-data.unknown-root-template`
 * with the closest existing name.
 */
export function checkRootTemplate(rootTemplate: string, dirs: string[]): void {
  const relativePath = rootTemplate.length <= MAX_NAME ? keyToRelativePath(rootTemplate) : undefined;
  if (relativePath?.endsWith('.liquid') && dirs.some((d) => existsSync(join(d, relativePath)))) return;
  const available = rootTemplatesIn(dirs);
  const near = closest(rootTemplate, available);
  throw new EngineError('parse.convert-data.unknown-root-template', `Root template '${rootTemplate.slice(0, MAX_NAME)}' is not in the template collection`, {
    stage: 'parse',
    location: { path: parameterPath('rootTemplate') },
    suggestion: near
      ? `Did you mean '${near}'? Leave rootTemplate out to derive it from the message type.`
      : `Use one of ${available.slice(0, 12).join(', ')}${available.length > 12 ? ', …' : ''}, or leave rootTemplate out to derive it from the message type.`,
  });
}
