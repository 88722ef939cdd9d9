import { DEFAULT_BODY_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES, PARAMETERS_MEDIA_TYPES } from '../../connectors/http/http.js';
import { startHttpServer } from '../../connectors/http/http-server.js';
import type { HttpServer } from '../../connectors/http/http-server.js';
import type { ConnectorLogger } from '../contracts/connector.js';
import { createConvertDataHandler } from './convert-data-service.js';
import type { ConvertDataOptions } from './convert-data-service.js';

/** Options of {@link startConvertDataServer}. */
export interface ConvertDataServerOptions extends ConvertDataOptions {
  host?: string;
  port: number;
  /** Prefix of the operation, e.g. `/fhir` serves `/fhir/$convert-data`. */
  basePath?: string;
  maxBodyBytes?: number;
  bodyTimeoutMs?: number;
  logger: ConnectorLogger;
}

/** Starts an HTTP server answering `POST {basePath}/$convert-data` synchronously (see {@link createConvertDataHandler}). */
export function startConvertDataServer(options: ConvertDataServerOptions): Promise<HttpServer> {
  const handle = createConvertDataHandler(options);
  return startHttpServer({
    host: options.host,
    port: options.port,
    basePath: options.basePath,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS,
    logger: options.logger,
    name: 'convert-data',
    routes: [{ path: '/$convert-data', accepts: PARAMETERS_MEDIA_TYPES, handle }],
  });
}
