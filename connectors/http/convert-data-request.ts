import { EngineError } from '../../pipelines/contracts/errors.js';

/** Azure `$convert-data` input data types, by lower-case spelling → Azure's spelling. */
export const AZURE_INPUT_DATA_TYPES: Record<string, string> = { hl7v2: 'Hl7v2', ccda: 'Ccda', json: 'Json', fhir: 'Fhir' };

/** The parameters of one `$convert-data` request (Azure FHIR service), checked for shape only. */
export interface ConvertDataRequest {
  /** The message or document text (never logged). */
  inputData: string;
  /** Lower-case input data type: `hl7v2`, `ccda`, `json` or `fhir`. */
  inputDataType: string;
  rootTemplate?: string;
  templateCollectionReference?: string;
}

const NAMES = ['inputData', 'inputDataType', 'rootTemplate', 'templateCollectionReference'] as const;
type Name = (typeof NAMES)[number];

/** FHIRPath of a named parameter in the request body. */
export const parameterPath = (name: string): string => `Parameters.parameter.where(name = '${name}')`;

const FIX = 'Send a FHIR Parameters resource with valueString parameters inputData, inputDataType (Hl7v2 or Ccda), and optionally rootTemplate and templateCollectionReference (see docs/convert-data.md).';

function invalid(code: string, message: string, path: string, suggestion = FIX): EngineError {
  return new EngineError(code, message, { stage: 'parse', location: { path }, suggestion });
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw invalid('parse.convert-data.not-json', `The request body is not JSON${at ? ` (syntax error at byte ${at})` : ''}`, 'Parameters');
  }
}

function stringValue(entry: Record<string, unknown>, name: Name, index: number): string {
  const path = `Parameters.parameter[${index}]`;
  const valueKeys = Object.keys(entry).filter((k) => k.startsWith('value') || k === 'resource');
  if (valueKeys.length !== 1 || valueKeys[0] !== 'valueString') {
    throw invalid('parse.convert-data.invalid-parameter', `Parameter '${name}' must have exactly one valueString (found ${valueKeys.join(', ') || 'no value'})`, path);
  }
  if (typeof entry.valueString !== 'string') throw invalid('parse.convert-data.invalid-parameter', `Parameter '${name}' valueString is not a string`, path);
  return entry.valueString;
}

function collect(parameters: unknown[]): Partial<Record<Name, string>> {
  const found: Partial<Record<Name, string>> = {};
  parameters.forEach((raw, index) => {
    const path = `Parameters.parameter[${index}]`;
    if (typeof raw !== 'object' || raw === null || typeof (raw as { name?: unknown }).name !== 'string') {
      throw invalid('parse.convert-data.invalid-parameter', `Parameter ${index} has no name`, path);
    }
    const entry = raw as Record<string, unknown>;
    const given = entry.name as string;
    const name = NAMES.find((n) => n.toLowerCase() === given.toLowerCase());
    if (!name) throw invalid('parse.convert-data.unknown-parameter', `Unknown parameter '${given}'`, path, `Use only the parameters ${NAMES.join(', ')}.`);
    if (found[name] !== undefined) throw invalid('parse.convert-data.invalid-parameter', `Parameter '${name}' is given more than once`, path, `Send '${name}' once.`);
    found[name] = stringValue(entry, name, index);
  });
  return found;
}

/**
 * Reads a `$convert-data` request body: a FHIR Parameters resource with valueString parameters (names matched
 * case-insensitively, input data type in any case). Throws `parse.convert-data.*` EngineErrors whose
 * `location.path` is the FHIRPath of the faulty element; never echoes the input data.
 */
export function parseConvertDataRequest(body: Buffer): ConvertDataRequest {
  const json = parseJson(body);
  if (typeof json !== 'object' || json === null || (json as { resourceType?: unknown }).resourceType !== 'Parameters') {
    throw invalid('parse.convert-data.not-parameters', 'The request body is not a FHIR Parameters resource', 'Parameters.resourceType');
  }
  const list = (json as { parameter?: unknown }).parameter;
  if (!Array.isArray(list)) throw invalid('parse.convert-data.missing-parameter', 'Parameters has no parameter list', 'Parameters.parameter');
  const found = collect(list);
  if (!found.inputData) throw invalid('parse.convert-data.missing-parameter', "Parameter 'inputData' is missing or empty", parameterPath('inputData'), 'Put the message or document text in inputData.valueString.');
  if (!found.inputDataType) {
    throw invalid('parse.convert-data.missing-parameter', "Parameter 'inputDataType' is missing", parameterPath('inputDataType'), 'Set inputDataType to Hl7v2 or Ccda.');
  }
  const type = found.inputDataType.trim().toLowerCase();
  if (!Object.hasOwn(AZURE_INPUT_DATA_TYPES, type)) {
    throw invalid('parse.convert-data.invalid-parameter', `inputDataType '${found.inputDataType}' is not one of ${Object.values(AZURE_INPUT_DATA_TYPES).join(', ')}`, parameterPath('inputDataType'), 'Set inputDataType to Hl7v2 or Ccda.');
  }
  return {
    inputData: found.inputData,
    inputDataType: type,
    ...(found.rootTemplate?.trim() ? { rootTemplate: found.rootTemplate.trim() } : {}),
    ...(found.templateCollectionReference?.trim() ? { templateCollectionReference: found.templateCollectionReference.trim() } : {}),
  };
}
