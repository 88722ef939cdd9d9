import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FilterSpec } from './define.js';
import { defineFilter } from './define.js';
import { createArgumentError } from './filter-error.js';

/**
 * Encoding and hashing string filters (msfc-compat §7.2). Text is UTF-8 (lone surrogates → EF BF BD); decoding
 * replaces invalid UTF-8 with U+FFFD. `gzip` uses Node's zlib at level 6 with header mtime 0; the header OS byte is
 * Node's (3 on Unix) where .NET on Windows writes 10, so compressed bytes (and hashes of them) can differ from the
 * reference by that byte (msfc-compat §11, §13).
 */

const BASE64_WHITESPACE = /[\t\n\r ]/g;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function requireText(filter: string, input: unknown): string {
  if (input == null) throw createArgumentError(filter, 'the input is nil', 'Guard the call with an if, or use default.');
  return String(input);
}

function decodeBase64(filter: string, input: unknown): Buffer {
  const compact = requireText(filter, input).replace(BASE64_WHITESPACE, '');
  if (!BASE64.test(compact)) {
    throw createArgumentError(filter, 'the input is not valid Base64', 'Pass standard padded Base64 (A–Z a–z 0–9 + / =).');
  }
  return Buffer.from(compact, 'base64');
}

export const BASE64_ENCODE = defineFilter({
  name: 'base64_encode',
  family: 'string',
  summary: 'UTF-8 bytes of the text as standard padded Base64; nil → error.',
  input: 'string',
  params: [],
  fn: (input: unknown): unknown => Buffer.from(requireText('base64_encode', input), 'utf8').toString('base64'),
  examples: [{ template: "{{ 'héllo' | base64_encode }}", output: 'aMOpbGxv' }],
});

export const BASE64_DECODE = defineFilter({
  name: 'base64_decode',
  family: 'string',
  summary: 'Standard Base64 → UTF-8 text (invalid bytes → U+FFFD); nil or malformed Base64 → error.',
  input: 'string',
  params: [],
  fn: (input: unknown): unknown => decodeBase64('base64_decode', input).toString('utf8'),
  examples: [{ template: "{{ 'aMOpbGxv' | base64_decode }}", output: 'héllo' }],
});

export const SHA1_HASH = defineFilter({
  name: 'sha1_hash',
  family: 'string',
  summary: 'Lowercase hex SHA-1 of the UTF-8 text; nil → error.',
  input: 'string',
  params: [],
  fn: (input: unknown): unknown => createHash('sha1').update(requireText('sha1_hash', input), 'utf8').digest('hex'),
  examples: [{ template: "{{ 'abc' | sha1_hash }}", output: 'a9993e364706816aba3e25717850c26c9cd0d89d' }],
});

export const GZIP = defineFilter({
  name: 'gzip',
  family: 'string',
  summary: 'UTF-8 text gzip-compressed (zlib level 6, mtime 0) as Base64; nil → error.',
  input: 'string',
  params: [],
  fn: (input: unknown): unknown =>
    gzipSync(Buffer.from(requireText('gzip', input), 'utf8'), { level: 6 }).toString('base64'),
});

export const GUNZIP_BASE64_STRING = defineFilter({
  name: 'gunzip_base64_string',
  family: 'string',
  summary: 'Base64 gzip data → UTF-8 text (reverses gzip); nil, bad Base64 or bad gzip → error.',
  input: 'string',
  params: [],
  fn(input: unknown): unknown {
    const bytes = decodeBase64('gunzip_base64_string', input);
    try {
      return gunzipSync(bytes).toString('utf8');
    } catch {
      throw createArgumentError('gunzip_base64_string', 'the input is not gzip data', 'Pass the output of the gzip filter.');
    }
  },
  examples: [{ template: "{{ 'H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==' | gunzip_base64_string }}", output: 'hello' }],
});

/** Encoding/hash filters of §7.2. */
export const ENCODING_FILTERS: FilterSpec[] = [BASE64_ENCODE, BASE64_DECODE, SHA1_HASH, GZIP, GUNZIP_BASE64_STRING];
