import { describe, expect, it } from 'vitest';
import { PrefixBindings } from './prefix-bindings.js';

describe('PrefixBindings', () => {
  it('finds the most recent prefix still bound to a URI, skipping shadowed declarations', () => {
    const b = new PrefixBindings();
    b.add('a', 'urn:1');
    b.add('b', 'urn:1');
    expect(b.lookupPrefix('urn:1')).toBe('b');
    b.push();
    b.add('b', 'urn:2');
    expect(b.lookupPrefix('urn:1')).toBe('a');
    expect(b.lookupPrefix('urn:2')).toBe('b');
    expect(b.lookupNamespace('b')).toBe('urn:2');
    b.push();
    b.add('a', 'urn:3');
    expect(b.lookupPrefix('urn:1')).toBeUndefined();
    b.pop();
    expect(b.lookupPrefix('urn:1')).toBe('a');
    expect(b.lookupPrefix('urn:3')).toBeUndefined();
    b.pop();
    expect(b.lookupPrefix('urn:1')).toBe('b');
    expect(b.lookupPrefix('urn:2')).toBeUndefined();
    expect(b.lookupNamespace('b')).toBe('urn:1');
  });

  it('a later declaration of the same prefix in one scope shadows the earlier one until the scope closes', () => {
    const b = new PrefixBindings();
    b.add('', '');
    b.push();
    b.add('p', 'urn:x');
    b.add('p', 'urn:y');
    b.add('', 'urn:x');
    expect(b.lookupPrefix('urn:x')).toBe('');
    expect(b.lookupPrefix('')).toBeUndefined();
    expect(b.lookupPrefix('urn:y')).toBe('p');
    b.pop();
    expect(b.size).toBe(1);
    expect(b.lookupPrefix('')).toBe('');
    expect(b.lookupPrefix('urn:x')).toBeUndefined();
  });

  it('pop without an open scope keeps the floor', () => {
    const b = new PrefixBindings();
    b.add('xml', 'urn:xml');
    b.add('q', 'urn:q');
    b.pop(1);
    expect(b.size).toBe(1);
    expect(b.lookupNamespace('q')).toBeUndefined();
  });
});
