import { gunzipSync } from 'node:zlib';

/** One regular file of a tar archive. */
export interface TarFile {
  name: string;
  content: Buffer;
}

const BLOCK = 512;

function readString(buf: Buffer, start: number, length: number): string {
  const slice = buf.subarray(start, start + length);
  const nul = slice.indexOf(0);
  return slice.subarray(0, nul < 0 ? length : nul).toString('utf8');
}

/** Reads the regular files of a (gzipped) POSIX/ustar tar archive, such as a FHIR NPM package. */
export function readTarGz(data: Buffer): TarFile[] {
  const tar = data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data;
  const files: TarFile[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const name = readString(tar, offset, 100);
    if (name === '') break;
    const size = parseInt(readString(tar, offset + 124, 12).trim() || '0', 8);
    const flag = String.fromCharCode(tar[offset + 156] || 48);
    const prefix = readString(tar, offset + 345, 155);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    if (flag === 'L') longName = readString(body, 0, size);
    else if (flag === '0' || flag === '\0') files.push({ name: longName ?? (prefix ? `${prefix}/${name}` : name), content: Buffer.from(body) });
    if (flag !== 'L') longName = undefined;
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}
