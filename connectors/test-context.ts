import type { ConnectorContext, ConnectorLogger } from '../pipelines/contracts/connector.js';

/** A logger that keeps entries in memory, for tests asserting what was logged. */
export function memoryLogger(): ConnectorLogger & { entries: { level: string; obj: Record<string, unknown>; msg?: string }[] } {
  const entries: { level: string; obj: Record<string, unknown>; msg?: string }[] = [];
  const at = (level: string) => (obj: Record<string, unknown>, msg?: string): void => void entries.push({ level, obj, msg });
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A connector context rooted at `dir`, for tests. */
export function testContext(dir: string, pipeline = 'test'): ConnectorContext {
  return { pipeline, stateDir: `${dir}/.state`, baseDir: dir, logger: memoryLogger() };
}
