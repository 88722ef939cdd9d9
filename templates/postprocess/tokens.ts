/** Token kinds of the lenient JSON lexer (msfc-compat §8.1). */
export const Tok = {
  EOF: 0,
  LBRACE: 1,
  RBRACE: 2,
  LBRACKET: 3,
  RBRACKET: 4,
  COMMA: 5,
  COLON: 6,
  STRING: 7,
  NUMBER: 8,
  TRUE: 9,
  FALSE: 10,
  NULL: 11,
} as const;

export type Tok = (typeof Tok)[keyof typeof Tok];

/** Human description of a token kind for error messages; never the token text (it may be PHI). */
export const TOKEN_DESCRIPTION: Record<Tok, string> = {
  [Tok.EOF]: 'the end of the output',
  [Tok.LBRACE]: "'{'",
  [Tok.RBRACE]: "'}'",
  [Tok.LBRACKET]: "'['",
  [Tok.RBRACKET]: "']'",
  [Tok.COMMA]: "','",
  [Tok.COLON]: "':'",
  [Tok.STRING]: 'a string',
  [Tok.NUMBER]: 'a number',
  [Tok.TRUE]: "'true'",
  [Tok.FALSE]: "'false'",
  [Tok.NULL]: "'null'",
};
