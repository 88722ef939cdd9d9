import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchModule, BenchResult } from './types.js';

const SKIP = new Set(['run', 'corpus', 'types', 'shared-corpus']);

/** Runs every bench module in this folder (or those named on the command line) and prints one table. */
async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const wanted = process.argv.slice(2);
  const names = readdirSync(here)
    .filter((f) => f.endsWith('.js') && !f.endsWith('.test.js'))
    .map((f) => f.replace(/\.js$/, ''))
    .filter((n) => !SKIP.has(n) && (wanted.length === 0 || wanted.includes(n)))
    .sort();
  const all: (BenchResult & { module: string })[] = [];
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  for (const name of names) {
    const mod = (await import(join(here, `${name}.js`))) as Partial<BenchModule>;
    if (typeof mod.run !== 'function') continue;
    process.stderr.write(`running ${name} …\n`);
    const results = await mod.run();
    for (const r of results) {
      all.push({ module: name, ...r });
      console.log(`${name.padEnd(16)} ${r.name.padEnd(58)} ${formatValue(r.value).padStart(12)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
    }
  }
  if (process.env.BENCH_JSON) console.log(JSON.stringify(all, null, 2));
}

function formatValue(v: number): string {
  return v >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(2);
}

await main();
