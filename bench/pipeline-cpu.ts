import { readFileSync } from 'node:fs';

/** A process whose CPU time the bench attributes to the run. */
export interface MeteredProcess {
  name: string;
  pid: number;
}

/** CPU seconds (user + system) a process has used so far, from `/proc/<pid>/stat`; 0 when it cannot be read. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds each process used between `start` and `stop` (Linux clock ticks of 10 ms). */
export class CpuMeter {
  private readonly at: number[];

  constructor(private readonly procs: MeteredProcess[]) {
    this.at = procs.map((p) => cpuSecondsOf(p.pid));
  }

  /** CPU seconds per process since construction, in the order given. */
  stop(): { name: string; seconds: number }[] {
    return this.procs.map((p, i) => ({ name: p.name, seconds: cpuSecondsOf(p.pid) - this.at[i] }));
  }
}

/** `name 1.23` pairs of CPU seconds per 1,000 messages, summed by name (`worker` ×2 becomes one figure with parts). */
export function cpuSplitNote(split: { name: string; seconds: number }[], messages: number): string {
  const per = (s: number): string => ((s * 1000) / messages).toFixed(2);
  const byName = new Map<string, number[]>();
  for (const s of split) byName.set(s.name, [...(byName.get(s.name) ?? []), s.seconds]);
  return [...byName.entries()]
    .map(([name, parts]) => {
      const sum = parts.reduce((a, b) => a + b, 0);
      return parts.length > 1 ? `${name} ${per(sum)} (${parts.map(per).join('+')})` : `${name} ${per(sum)}`;
    })
    .join(', ');
}
