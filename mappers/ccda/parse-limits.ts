/** Resource limits of the C-CDA parser; every input is checked against them before or while it is parsed. */
export interface CcdaParseLimits {
  /** Maximum UTF-8 size of the input. Default 50 MB. */
  maxBytes: number;
  /** Maximum nesting of the JSON-shaped model (msfc-compat §4.5: 64); element nesting is bounded by it too. */
  maxDepth: number;
  /** Maximum number of elements, text runs, comments and processing instructions. */
  maxNodes: number;
}

export const DEFAULT_CCDA_LIMITS: CcdaParseLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxDepth: 64,
  maxNodes: 5_000_000,
};
