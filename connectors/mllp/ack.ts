import type { HeaderProblem, Hl7Header } from './hl7-header.js';

/** Acknowledgment codes: original mode (AA/AE/AR) and enhanced-mode commit level (CA/CE/CR). */
export type AckCode = 'AA' | 'AE' | 'AR' | 'CA' | 'CE' | 'CR';

const ENHANCED: Record<'AA' | 'AE' | 'AR', AckCode> = { AA: 'CA', AE: 'CE', AR: 'CR' };
/** MSH-15 accept-acknowledgment conditions (HL7 table 0155) → whether to answer success / failure. */
const ACCEPT_CONDITIONS: Record<string, { success: boolean; failure: boolean }> = {
  AL: { success: true, failure: true },
  NE: { success: false, failure: false },
  ER: { success: false, failure: true },
  SU: { success: true, failure: false },
};

/**
 * Chooses the ACK code for an outcome: original mode when MSH-15 and MSH-16 are both empty (HL7 v2.5 §2.9.2),
 * else enhanced mode with a commit ACK that MSH-15 may suppress (`undefined`: send nothing).
 */
export function ackCodeFor(header: Hl7Header | undefined, outcome: 'AA' | 'AE' | 'AR'): AckCode | undefined {
  const accept = header?.kind === 'message' ? (header.fields[15] ?? '') : '';
  const app = header?.kind === 'message' ? (header.fields[16] ?? '') : '';
  if (!accept && !app) return outcome;
  const condition = ACCEPT_CONDITIONS[accept] ?? ACCEPT_CONDITIONS.AL;
  const send = outcome === 'AA' ? condition.success : condition.failure;
  return send ? ENHANCED[outcome] : undefined;
}

function escapeText(text: string, sep: string, enc: string): string {
  const [comp = '^', rep = '~', esc = '\\', sub = '&'] = enc;
  const codes: Record<string, string> = { [esc]: 'E', [sep]: 'F', [comp]: 'S', [rep]: 'R', [sub]: 'T' };
  return [...text].map((c) => (codes[c] ? `${esc}${codes[c]}${esc}` : c)).join('');
}

function hl7Timestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** Inputs of {@link buildAck}. */
export interface AckInput {
  header: Hl7Header | undefined;
  code: AckCode;
  controlId: string;
  problem?: HeaderProblem;
  now: Date;
}

/**
 * Builds an ACK: MSH with sender and receiver swapped (MSH-3/4 ↔ MSH-5/6), MSH-9 `ACK^<trigger>^ACK`, the
 * message's processing id and version; MSA-1 code, MSA-2 = the message's MSH-10 (or batch control id); on failure
 * an ERR segment with ERR-2 location, ERR-3 HL7 table 0357 code, ERR-4 severity and ERR-8 user message.
 */
export function buildAck({ header, code, controlId, problem, now }: AckInput): Buffer {
  const sep = header?.fieldSeparator ?? '|';
  const enc = header?.encodingCharacters ?? '^~\\&';
  const [comp = '^'] = enc;
  const f = header?.kind === 'message' ? header.fields : [];
  const trigger = (f[9] ?? '').split(comp)[1] ?? '';
  const msh = ['MSH', enc, f[5] ?? '', f[6] ?? '', f[3] ?? '', f[4] ?? '', hl7Timestamp(now), '', `ACK${comp}${trigger}${comp}ACK`, controlId, f[11] || 'P', f[12] || '2.5.1'];
  const segments = [msh.join(sep), ['MSA', code, header?.controlId ?? ''].join(sep)];
  if (problem) {
    const loc = problem.location ? [problem.location.segment, problem.location.sequence, problem.location.field].join(comp) : '';
    const err = [problem.error.code, problem.error.text, 'HL70357'].join(comp);
    segments.push(['ERR', '', loc, err, problem.severity, '', '', '', escapeText(problem.userMessage, sep, enc)].join(sep));
  }
  return Buffer.from(segments.join('\r') + '\r', 'latin1');
}
