import { pino } from 'pino';
import type { ConnectorLogger } from '../contracts/connector.js';

/** Log levels the CLI exposes. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

/**
 * Structured JSON logger (pino) on stderr. Callers log ids, positions, codes and counts only, never message
 * contents (PHI); `redact` removes payload-like keys should one slip through.
 */
export function createLogger(level: LogLevel = 'info', destination = 2): ConnectorLogger {
  return pino(
    { level, base: { service: 'ingest' }, redact: { paths: ['payload', 'text', 'bundle', '*.payload', '*.bundle'], censor: '[redacted]' } },
    pino.destination({ fd: destination, sync: true }),
  );
}
