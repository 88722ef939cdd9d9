/** One measured figure. `bench/run.ts` prints these as a table and in JSON. */
export interface BenchResult {
  /** What was measured, e.g. `hl7v2 parse (corpus, field level)`. */
  name: string;
  value: number;
  /** e.g. `MB/s`, `messages/s`, `resources/s`, `ms`. */
  unit: string;
  note?: string;
}

/** A bench module exports `run` under this signature. */
export type BenchModule = { run(): Promise<BenchResult[]> };
