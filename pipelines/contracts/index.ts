export * from './errors.js';
export * from './issue.js';
export * from './fhir.js';
export * from './mapper.js';
