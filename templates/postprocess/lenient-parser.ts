import { NetDouble } from '../runtime/values.js';
import { integerFromText } from './json-tree.js';
import type { JsonArray, JsonNode, JsonObject } from './json-tree.js';
import { LenientLexer } from './lenient-lexer.js';
import { jsonParsingError } from './postprocess-error.js';
import { TOKEN_DESCRIPTION, Tok } from './tokens.js';

/**
 * Parses rendered template output with the lenient grammar of msfc-compat §8.2 and prunes empty values bottom-up
 * (§8.3) in the same pass. Iterative (explicit stack), so arbitrarily deep input cannot overflow the call stack.
 *
 * Readings of the spec: a duplicate key takes the last surviving value at the position of the first key (§8.3
 * "last value wins"; pruning runs first, so a later `""` never replaces a value). The depth limit applies to the
 * pruned tree, counting the top-level object as level 1, and is reported only if the grammar accepted the input.
 */

/** Newtonsoft's default reader MaxDepth: containers nested deeper than this fail (msfc-compat §10). */
export const DEFAULT_MAX_DEPTH = 64;

const OBJ_KEY_OR_COMMA = 0;
const OBJ_COLON = 1;
const OBJ_VALUE = 2;
const OBJ_COMMA_OR_END = 3;
const ARR_VALUE_OR_COMMA = 4;
const ARR_COMMA_OR_END = 5;

const EXPECTED: Record<number, string> = {
  [OBJ_KEY_OR_COMMA]: "a property name or '}'",
  [OBJ_COLON]: "':' after the property name",
  [OBJ_VALUE]: 'a value for the property',
  [OBJ_COMMA_OR_END]: "',' or '}' after the property value",
  [ARR_VALUE_OR_COMMA]: "a value or ']'",
  [ARR_COMMA_OR_END]: "',' or ']' after the array item",
};

const PRUNED = Symbol('pruned');
type Parsed = JsonNode | typeof PRUNED;

/** One open container; frames are reused by depth, so parsing allocates only the tree itself. */
class Frame {
  node: JsonObject | JsonArray = [];
  isObject = false;
  state = 0;
  key = '';
  level = 0;
  start = 0;
}

/**
 * Parses `rendered` and returns the pruned top-level object; text after it is ignored.
 * @throws EngineError `postprocess.json-parsing` for a grammar violation or nesting deeper than `maxDepth`.
 */
export function parseLenientJson(rendered: string, maxDepth: number = DEFAULT_MAX_DEPTH): JsonObject {
  return new LenientParser(rendered, maxDepth).parse();
}

class LenientParser {
  private readonly lexer: LenientLexer;
  private readonly frames: Frame[] = [];
  private depth = 0;
  private top!: Frame;
  private tooDeepAt = -1;

  constructor(
    private readonly rendered: string,
    private readonly maxDepth: number,
  ) {
    this.lexer = new LenientLexer(rendered);
  }

  parse(): JsonObject {
    const first = this.lexer.next();
    if (first !== Tok.LBRACE) {
      throw this.fail(`expected the output to be a JSON object, found ${TOKEN_DESCRIPTION[first]}`);
    }
    this.open(new Map(), OBJ_KEY_OR_COMMA);
    for (;;) {
      const done = this.step(this.lexer.next());
      if (done !== undefined) return this.finish(done);
    }
  }

  /** Consumes one token; returns the top-level object once it is closed. */
  private step(tok: Tok): JsonObject | undefined {
    const frame = this.top;
    const state = frame.state;
    if (tok === Tok.COMMA && (state === OBJ_KEY_OR_COMMA || state === ARR_VALUE_OR_COMMA)) return undefined;
    if (tok === Tok.COMMA && (state === OBJ_COMMA_OR_END || state === ARR_COMMA_OR_END)) {
      frame.state = state === OBJ_COMMA_OR_END ? OBJ_KEY_OR_COMMA : ARR_VALUE_OR_COMMA;
      return undefined;
    }
    if (tok === Tok.RBRACE && (state === OBJ_KEY_OR_COMMA || state === OBJ_COMMA_OR_END)) return this.close();
    if (tok === Tok.RBRACKET && (state === ARR_VALUE_OR_COMMA || state === ARR_COMMA_OR_END)) return this.close();
    if (state === OBJ_KEY_OR_COMMA && tok === Tok.STRING) {
      frame.key = this.lexer.tokenText;
      frame.state = OBJ_COLON;
      return undefined;
    }
    if (state === OBJ_COLON && tok === Tok.COLON) {
      frame.state = OBJ_VALUE;
      return undefined;
    }
    if (state === OBJ_VALUE || state === ARR_VALUE_OR_COMMA) {
      const value = this.readValue(tok);
      if (value !== undefined) this.deliver(frame, value);
      return undefined;
    }
    throw this.fail(`expected ${EXPECTED[state]}, found ${TOKEN_DESCRIPTION[tok]}`);
  }

  /** Scalar value of `tok`, or undefined after opening a container. */
  private readValue(tok: Tok): Parsed | undefined {
    const lexer = this.lexer;
    if (tok === Tok.STRING) return lexer.tokenText === '' ? PRUNED : lexer.tokenText;
    if (tok === Tok.NUMBER) {
      return lexer.tokenIsInteger ? integerFromText(lexer.tokenText) : new NetDouble(Number(lexer.tokenText));
    }
    if (tok === Tok.LBRACE) return this.open(new Map(), OBJ_KEY_OR_COMMA);
    if (tok === Tok.LBRACKET) return this.open([], ARR_VALUE_OR_COMMA);
    if (tok === Tok.TRUE) return true;
    if (tok === Tok.FALSE) return false;
    if (tok === Tok.NULL) return null;
    const state = this.top.state;
    throw this.fail(`expected ${EXPECTED[state]}, found ${TOKEN_DESCRIPTION[tok]}`);
  }

  private open(node: JsonObject | JsonArray, state: number): undefined {
    const frame = (this.frames[this.depth] ??= new Frame());
    frame.node = node;
    frame.isObject = state === OBJ_KEY_OR_COMMA;
    frame.state = state;
    frame.key = '';
    frame.level = ++this.depth;
    frame.start = this.lexer.tokenStart;
    this.top = frame;
    return undefined;
  }

  private close(): JsonObject | undefined {
    const frame = this.frames[--this.depth];
    const node = frame.node;
    const empty = frame.isObject ? (node as JsonObject).size === 0 : (node as JsonArray).length === 0;
    if (!empty && frame.level > this.maxDepth && this.tooDeepAt < 0) this.tooDeepAt = frame.start;
    if (this.depth === 0) return node as JsonObject;
    this.top = this.frames[this.depth - 1];
    this.deliver(this.top, empty ? PRUNED : node);
    return undefined;
  }

  /** Adds a finished value to its parent; pruned values leave no key or slot (msfc-compat §8.3). */
  private deliver(parent: Frame, value: Parsed): void {
    if (parent.isObject) {
      if (value !== PRUNED) (parent.node as JsonObject).set(parent.key, value);
      parent.state = OBJ_COMMA_OR_END;
    } else {
      if (value !== PRUNED) (parent.node as JsonArray).push(value);
      parent.state = ARR_COMMA_OR_END;
    }
  }

  private finish(top: JsonObject): JsonObject {
    if (this.tooDeepAt >= 0) {
      throw jsonParsingError(
        this.rendered,
        this.tooDeepAt,
        `nesting exceeds the maximum depth of ${this.maxDepth}`,
        `Flatten the template output: objects and arrays may nest at most ${this.maxDepth} levels deep.`,
      );
    }
    return top;
  }

  private fail(problem: string): Error {
    return jsonParsingError(
      this.rendered,
      this.lexer.tokenStart,
      problem,
      'Check the template around this position for a missing comma, a missing value or an unquoted property name.',
    );
  }
}
