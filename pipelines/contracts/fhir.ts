/** A FHIR resource as plain JSON. */
export interface FhirResource {
  resourceType: string;
  id?: string;
  meta?: { profile?: string[]; source?: string; tag?: { system?: string; code?: string; display?: string }[]; [k: string]: unknown };
  [key: string]: unknown;
}

/** A FHIR Bundle entry. */
export interface BundleEntry {
  fullUrl?: string;
  resource?: FhirResource;
  request?: { method: string; url: string; [k: string]: unknown };
  [key: string]: unknown;
}

/** A FHIR Bundle. */
export interface Bundle extends FhirResource {
  resourceType: 'Bundle';
  type: string;
  entry?: BundleEntry[];
}
