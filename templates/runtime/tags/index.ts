import type { TagParser } from '../parser.js';
import { parseCase } from './case.js';
import { parseIf, parseUnless } from './conditional.js';
import { parseEvaluate } from './evaluate.js';
import { parseFor } from './for.js';
import { parseInclude } from './include.js';
import { parseMergeDiff } from './merge-diff.js';
import { parseAssign, parseBreak, parseCapture, parseComment, parseContinue, parseCycle, parseIfChanged, parseRaw } from './simple.js';
import { parseTableRow } from './tablerow.js';
import { parseValidate } from './validate.js';

/** Every tag of the DotLiquid20 dialect plus the converter tags (msfc-compat §6.7, §2.4–2.7). Names are case-sensitive. */
export const TAGS: Readonly<Record<string, TagParser>> = {
  if: parseIf,
  unless: parseUnless,
  case: parseCase,
  for: parseFor,
  break: parseBreak,
  continue: parseContinue,
  assign: parseAssign,
  capture: parseCapture,
  comment: parseComment,
  raw: parseRaw,
  literal: parseRaw,
  cycle: parseCycle,
  ifchanged: parseIfChanged,
  tablerow: parseTableRow,
  include: parseInclude,
  evaluate: parseEvaluate,
  mergeDiff: parseMergeDiff,
  validate: parseValidate,
};
