import type { UnusedField } from '../contracts/mapper.js';

/** Lossiness of one record: positions that held a value no template read. */
export interface RecordLoss {
  input: string;
  record: number;
  recordId: string | undefined;
  unused: string[];
}

/** Totals of the lossiness report: how often each position was dropped, most frequent first. */
export interface LossinessReport {
  records: RecordLoss[];
  totals: { position: string; count: number }[];
  recordsWithLoss: number;
  fieldsUnused: number;
}

/** Accumulates unused fields per record into a report (positions only, never values). */
export class LossinessCollector {
  private readonly records: RecordLoss[] = [];
  private readonly counts = new Map<string, number>();

  add(input: string, record: number, recordId: string | undefined, unused: UnusedField[]): void {
    const positions = unused.map((u) => u.position);
    this.records.push({ input, record, recordId, unused: positions });
    for (const p of positions) this.counts.set(p, (this.counts.get(p) ?? 0) + 1);
  }

  report(): LossinessReport {
    const totals = [...this.counts.entries()]
      .map(([position, count]) => ({ position, count }))
      .sort((a, b) => b.count - a.count || a.position.localeCompare(b.position));
    return {
      records: this.records,
      totals,
      recordsWithLoss: this.records.filter((r) => r.unused.length > 0).length,
      fieldsUnused: totals.reduce((n, t) => n + t.count, 0),
    };
  }
}

/** Human text of a report: per record, then totals. */
export function formatLossiness(report: LossinessReport): string {
  const lines = ['Lossiness report (input fields that held a value but reached no template):'];
  for (const r of report.records) {
    const id = r.recordId ? ` (${r.recordId})` : '';
    lines.push(`  ${r.input}#${r.record + 1}${id}: ${r.unused.length === 0 ? 'nothing dropped' : r.unused.join(', ')}`);
  }
  lines.push(`Totals: ${report.fieldsUnused} unused field values in ${report.recordsWithLoss} of ${report.records.length} records`);
  for (const t of report.totals) lines.push(`  ${t.position.padEnd(14)} ${t.count}`);
  return lines.join('\n');
}
