const SPECIALS = /[.+^$()|[\]\\]/g;

/**
 * Compiles a glob over `/`-separated relative paths to a RegExp: `**` any folders (also none), `*` any characters
 * but `/`, `?` one character, `{a,b}` alternatives. A pattern without `/` matches the file name at any depth.
 */
export function globToRegExp(pattern: string): RegExp {
  const anchored = pattern.includes('/') ? pattern : `**/${pattern}`;
  let out = '';
  let depth = 0;
  for (let i = 0; i < anchored.length; i++) {
    const c = anchored[i];
    if (c === '*' && anchored[i + 1] === '*') {
      const slash = anchored[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      depth += 1;
      out += '(?:';
    } else if (c === '}' && depth > 0) {
      depth -= 1;
      out += ')';
    } else if (c === ',' && depth > 0) out += '|';
    else out += c.replace(SPECIALS, '\\$&');
  }
  return new RegExp(`^${out}$`);
}
