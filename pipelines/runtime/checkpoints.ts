import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Keys of inputs a pipeline has completed (delivered or quarantined), one per line in
 * `<checkpoints>/<pipeline>.keys`. A re-run skips messages whose `dedupeKey` is listed.
 */
export class CheckpointStore {
  private readonly keys = new Set<string>();
  private readonly file: string;

  constructor(dir: string, pipeline: string) {
    mkdirSync(dir, { recursive: true });
    this.file = join(dir, `${pipeline}.keys`);
    if (existsSync(this.file)) {
      for (const line of readFileSync(this.file, 'utf8').split('\n')) if (line) this.keys.add(line);
    }
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Records a completed key (appended synchronously, before the source is acked). */
  add(key: string): void {
    if (this.keys.has(key)) return;
    this.keys.add(key);
    appendFileSync(this.file, `${key}\n`);
  }

  /** Records several completed keys with one append. */
  addAll(keys: readonly string[]): void {
    const added = keys.filter((k) => !this.keys.has(k));
    if (added.length === 0) return;
    for (const k of added) this.keys.add(k);
    appendFileSync(this.file, `${added.join('\n')}\n`);
  }

  get size(): number {
    return this.keys.size;
  }
}
