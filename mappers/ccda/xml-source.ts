import type { ErrorLocation } from '../../pipelines/contracts/index.js';
import { CCDA_ERROR_CODES, ccdaError } from './ccda-errors.js';
import type { CcdaErrorCode } from './ccda-errors.js';
import type { EngineError } from '../../pipelines/contracts/index.js';
import { elementPath } from './xml-tree.js';
import type { XmlElement } from './xml-tree.js';

/** The line-break-normalised input and the way to turn offsets into error locations. */
export class XmlSource {
  constructor(
    readonly text: string,
    readonly file: string | undefined,
  ) {}

  /** 1-based line and column of an offset (line breaks were normalised to LF, so lines match the original). */
  lineCol(offset: number): { line: number; col: number } {
    let line = 1;
    let lineStart = 0;
    const end = Math.min(offset, this.text.length);
    for (let i = this.text.indexOf('\n'); i !== -1 && i < end; i = this.text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, col: end - lineStart + 1 };
  }

  location(offset: number, element: XmlElement | undefined): ErrorLocation {
    return {
      ...(this.file === undefined ? {} : { file: this.file }),
      ...this.lineCol(offset),
      ...(element ? { path: elementPath(element) } : {}),
    };
  }

  /** A `parse.ccda.malformed` error at `offset`. */
  malformed(message: string, offset: number, element: XmlElement | undefined, suggestion?: string): EngineError {
    return this.fail(
      CCDA_ERROR_CODES.malformed,
      message,
      offset,
      element,
      suggestion ?? 'Fix the XML at the reported position so the document is well-formed.',
    );
  }

  fail(
    code: CcdaErrorCode,
    message: string,
    offset: number,
    element: XmlElement | undefined,
    suggestion: string,
  ): EngineError {
    const location = this.location(offset, element);
    return ccdaError(code, `${message} (line ${location.line}, col ${location.col})`, location, suggestion);
  }
}
