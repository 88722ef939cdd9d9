import { join, resolve } from 'node:path';

/** Layout of the local state folder (default `.ingest/`) shared by the embedded runner and the CLI. */
export interface StateLayout {
  root: string;
  runs: string;
  checkpoints: string;
  quarantine: string;
  /** `pipelines.json`: pipeline name → pipeline file, so `ingest quarantine retry` can find the pipeline. */
  pipelineIndex: string;
  /** Durable state of one connector of one pipeline. */
  connector(pipeline: string, name: string): string;
}

/** Default state folder, relative to the working directory. */
export const DEFAULT_STATE_DIR = '.ingest';

/** Resolves the state layout under `dir`. */
export function stateLayout(dir: string = DEFAULT_STATE_DIR): StateLayout {
  const root = resolve(dir);
  return {
    root,
    runs: join(root, 'runs'),
    checkpoints: join(root, 'checkpoints'),
    quarantine: join(root, 'quarantine'),
    pipelineIndex: join(root, 'pipelines.json'),
    connector: (pipeline, name) => join(root, 'connectors', pipeline, name),
  };
}
