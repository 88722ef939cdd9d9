const HEADER = /^(?:\uFEFF)?[\x0b\s]*(?:MSH|FHS|BHS)(.)(?:(?!\1)[^\r\n]){4}/i;

/** Cheap sniffing: the text starts (after BOM, MLLP VT and blank lines) with an MSH/FHS/BHS header. */
export function detectHl7v2(text: string): boolean {
  return HEADER.test(text.slice(0, 64));
}
