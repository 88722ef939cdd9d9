export * from './errors.js';
export * from './issue.js';
export * from './fhir.js';
export * from './mapper.js';
export * from './hl7v2-model.js';
