import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { AZURE_INPUT_DATA_TYPES, parameterPath, parseConvertDataRequest } from '../../connectors/http/convert-data-request.js';
import type { ConvertDataRequest } from '../../connectors/http/convert-data-request.js';
import { FHIR_JSON } from '../../connectors/http/http-server.js';
import type { HttpReply, HttpRequest } from '../../connectors/http/http-server.js';
import { outcomeOfError, toFhirIssues } from '../../connectors/http/outcome.js';
import { MAPPERS } from '../../mappers/registry.js';
import { builtInCollectionDir, packageRoot } from '../../templates/collections.js';
import { EngineError, isEngineError } from '../contracts/errors.js';
import type { ConnectorLogger } from '../contracts/connector.js';
import type { Issue } from '../contracts/issue.js';
import { createConverter } from '../convert/converter.js';
import type { ConversionResult, Converter } from '../convert/converter.js';
import { createValidationStep } from '../convert/validation.js';
import type { ValidationStep } from '../convert/validation.js';
import { withPublicLocation } from './public-location.js';
import { checkRootTemplate } from './root-template-check.js';
import { resolveTemplateCollection } from './template-reference.js';

/** Options of {@link createConvertDataHandler}. */
export interface ConvertDataOptions {
  /** Folder inside which `templateCollectionReference` may name user collections; absent: built-in only. */
  templateRoot?: string;
  /** Validate every bundle (default true); counts go in `X-Validation-Errors` / `X-Validation-Warnings`. */
  validate?: boolean;
  timeZone?: string;
  /** Gets the request id and error code of each failed conversion (never contents). */
  logger?: ConnectorLogger;
}

const INPUT = { name: 'inputData' };
const json = (status: number, body: unknown, headers?: Record<string, string>): HttpReply => ({ status, body: JSON.stringify(body), contentType: FHIR_JSON, headers });
const count = (issues: Issue[] | undefined, ...severities: string[]): number => (issues ?? []).filter((i) => severities.includes(i.severity)).length;

function requestError(code: string, message: string, path: string, suggestion: string): EngineError {
  return new EngineError(code, message, { stage: 'parse', location: { path }, suggestion });
}

function errorReply(err: EngineError): HttpReply {
  if (err.code.startsWith('internal.')) return json(500, outcomeOfError(err, 'exception'));
  const expression = err.stage === 'render' || err.stage === 'postprocess' ? parameterPath('rootTemplate') : parameterPath('inputData');
  return json(400, outcomeOfError(err, err.code === 'template.root-not-found' ? 'not-found' : undefined, expression));
}

/**
 * The synchronous `$convert-data` operation of Azure FHIR service: Parameters in, the converted Bundle out (200,
 * Microsoft-compatible JSON text, exactly what `ingest convert` prints). Converters (compiled templates) are cached
 * per data type, collection and root template for the life of the handler. `?_outcome=true` answers a Parameters
 * with `return` (the bundle) and `outcome` (the validation OperationOutcome) instead. Failures are 400
 * OperationOutcomes carrying the engine error code, position and fix; engine bugs are 500.
 */
export function createConvertDataHandler(options: ConvertDataOptions = {}): (request: HttpRequest) => HttpReply {
  const validate: ValidationStep | undefined = options.validate === false ? undefined : createValidationStep();
  const converters = new Map<string, Converter>();
  const templateRoots = [...(options.templateRoot ? [realpathSync(options.templateRoot)] : []), join(packageRoot(), 'templates')];

  function converterFor(req: ConvertDataRequest): Converter {
    const mapper = MAPPERS[req.inputDataType];
    if (!mapper) {
      const supported = Object.keys(MAPPERS).map((m) => AZURE_INPUT_DATA_TYPES[m] ?? m);
      throw requestError('parse.convert-data.unsupported-type', `inputDataType ${AZURE_INPUT_DATA_TYPES[req.inputDataType]} is not supported by this server`, parameterPath('inputDataType'), `Use one of: ${supported.join(', ')}.`);
    }
    const templateDirs = resolveTemplateCollection(req.templateCollectionReference, mapper.name, options.templateRoot);
    const key = JSON.stringify([mapper.name, templateDirs, req.rootTemplate ?? ''] as const);
    let converter = converters.get(key);
    if (!converter) {
      if (req.rootTemplate) checkRootTemplate(req.rootTemplate, [...templateDirs, builtInCollectionDir(mapper.name)]);
      converter = createConverter({ mapper, templateDirs, rootTemplate: req.rootTemplate, validate, timeZone: options.timeZone });
      converters.set(key, converter);
    }
    return converter;
  }

  function success(result: ConversionResult, request: HttpRequest): HttpReply {
    const headers = validate ? { 'x-validation-errors': String(count(result.issues, 'error', 'fatal')), 'x-validation-warnings': String(count(result.issues, 'warning')) } : undefined;
    if (request.query.get('_outcome') === 'true') {
      const outcome = { resourceType: 'OperationOutcome', issue: toFhirIssues(result.issues ?? []) };
      return json(200, { resourceType: 'Parameters', parameter: [{ name: 'return', resource: result.bundle }, { name: 'outcome', resource: outcome }] }, headers);
    }
    return { status: 200, body: result.json ?? JSON.stringify(result.bundle), contentType: FHIR_JSON, headers };
  }

  function failed(request: HttpRequest, err: EngineError): HttpReply {
    options.logger?.warn({ connector: 'convert-data', requestId: request.id, code: err.code, stage: err.stage }, 'conversion failed');
    return errorReply(withPublicLocation(err, templateRoots));
  }

  return (request: HttpRequest): HttpReply => {
    try {
      const req = parseConvertDataRequest(request.body);
      const results = converterFor(req).convertText(req.inputData, INPUT);
      if (results.length !== 1) {
        throw requestError('parse.convert-data.several-records', `inputData holds ${results.length} messages; $convert-data converts one`, parameterPath('inputData'), 'Send one message per request, or post the batch to an `http` pipeline source.');
      }
      const [result] = results;
      if (result.error) return failed(request, result.error);
      return success(result, request);
    } catch (err) {
      if (isEngineError(err)) return failed(request, err);
      throw err;
    }
  };
}
