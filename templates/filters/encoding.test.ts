import fc from 'fast-check';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { BASE64_DECODE, BASE64_ENCODE, GUNZIP_BASE64_STRING, GZIP, SHA1_HASH } from './encoding.js';
import { callFilter, createTestEnv } from './filter-test-env.js';

const env = createTestEnv();
const call = (spec: Parameters<typeof callFilter>[0], input: unknown): unknown => callFilter(spec, env, input);

describe('base64_encode / base64_decode', () => {
  it('encodes UTF-8 as padded Base64', () => {
    expect(call(BASE64_ENCODE, 'héllo')).toBe('aMOpbGxv');
    expect(call(BASE64_ENCODE, 'a')).toBe('YQ==');
    expect(call(BASE64_ENCODE, '')).toBe('');
    expect(call(BASE64_ENCODE, 'a\ud800')).toBe('Ye+/vQ==');
  });

  it('decodes, tolerating whitespace, and replaces invalid UTF-8', () => {
    expect(call(BASE64_DECODE, 'aMOp\r\nbGxv')).toBe('héllo');
    expect(call(BASE64_DECODE, '/w==')).toBe('\ufffd');
  });

  it.each(['YQ', 'Y===', 'a*==', 'YQ==YQ=='])('rejects malformed %s', (input) => {
    expect(() => call(BASE64_DECODE, input)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });

  it('fails on nil', () => {
    expect(() => call(BASE64_ENCODE, null)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
    expect(() => call(BASE64_DECODE, null)).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });

  it('round-trips any well-formed string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(call(BASE64_DECODE, call(BASE64_ENCODE, s))).toBe(s);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sha1_hash', () => {
  it('hashes UTF-8 text as lowercase hex', () => {
    expect(call(SHA1_HASH, 'abc')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(call(SHA1_HASH, '')).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
  });
});

describe('gzip / gunzip_base64_string', () => {
  it('writes a gzip stream with mtime 0 and round-trips', () => {
    const encoded = call(GZIP, 'hello <ClinicalDocument/> ✓') as string;
    const bytes = Buffer.from(encoded, 'base64');
    expect([...bytes.subarray(0, 8)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
    expect(gunzipSync(bytes).toString('utf8')).toBe('hello <ClinicalDocument/> ✓');
    expect(call(GUNZIP_BASE64_STRING, encoded)).toBe('hello <ClinicalDocument/> ✓');
  });

  it('rejects non-gzip data', () => {
    expect(() => call(GUNZIP_BASE64_STRING, 'aGVsbG8=')).toThrow(expect.objectContaining({ code: 'render.filter-argument' }));
  });
});
