/**
 * Bytes ⇄ text without loss, for terminal output kept in a text format (asciicast's JSON strings).
 * Valid UTF-8 becomes its characters; every byte that is not part of valid UTF-8 becomes the lone
 * surrogate U+DC80..U+DCFF (Python's "surrogateescape"). Valid UTF-8 never decodes to a lone
 * surrogate, so the mapping is reversible, and JSON.stringify escapes lone surrogates (`\udc80`),
 * so the JSON stays valid UTF-8. Players that do not know the convention show U+FFFD there.
 */

const ESCAPE_BASE = 0xdc00;

/** Length of the UTF-8 sequence starting with `lead`, or 0 if `lead` cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** True when bytes[at..at+n) are continuation bytes forming a valid (shortest, non-surrogate) form. */
function validSequence(bytes: Uint8Array, at: number, n: number): boolean {
  const lead = bytes[at] ?? 0;
  for (let k = 1; k < n; k++) if (((bytes[at + k] ?? 0) & 0xc0) !== 0x80) return false;
  const second = bytes[at + 1] ?? 0;
  if (lead === 0xe0 && second < 0xa0) return false; // overlong
  if (lead === 0xed && second > 0x9f) return false; // UTF-16 surrogates
  if (lead === 0xf0 && second < 0x90) return false; // overlong
  if (lead === 0xf4 && second > 0x8f) return false; // above U+10FFFF
  return true;
}

/** Code units to a string, in slices (spreading a huge array would overflow the stack). */
function unitsToString(units: number[]): string {
  let out = '';
  for (let i = 0; i < units.length; i += 8192) {
    out += String.fromCharCode(...units.slice(i, i + 8192));
  }
  return out;
}

/** Pushes the UTF-16 code units of a code point. */
function pushCodePoint(units: number[], cp: number): void {
  if (cp < 0x10000) units.push(cp);
  else {
    const v = cp - 0x10000;
    units.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
  }
}

/**
 * Incremental decoder: chunks of bytes in, text out. A sequence cut at a chunk's end waits for
 * the next chunk; `end()` escapes what is left. (Hand-written: `shared/` has no TextDecoder, and
 * none of the platform's decoders keeps invalid bytes.)
 */
export class LosslessDecoder {
  private carry: Uint8Array = new Uint8Array(0);

  /**
   * `wholeUtf8` may decode a chunk that is entirely valid UTF-8 natively (Node's `isUtf8` and
   * `toString`), returning null otherwise: the common case then costs no JavaScript loop.
   */
  constructor(private readonly wholeUtf8?: (bytes: Uint8Array) => string | null) {}

  decode(chunk: Uint8Array): string {
    if (this.carry.length === 0 && this.wholeUtf8) {
      const text = this.wholeUtf8(chunk);
      if (text !== null) return text;
    }
    let bytes = chunk;
    if (this.carry.length > 0) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = new Uint8Array(0);
    }
    const units: number[] = [];
    let i = 0;
    while (i < bytes.length) {
      const lead = bytes[i] ?? 0;
      if (lead < 0x80) {
        units.push(lead);
        i++;
        continue;
      }
      const n = sequenceLength(lead);
      if (n > 0 && i + n > bytes.length) {
        // Cut at the chunk's end: wait for the rest if what came so far can still be valid.
        let possible = true;
        for (let k = i + 1; k < bytes.length; k++) {
          if (((bytes[k] ?? 0) & 0xc0) !== 0x80) possible = false;
        }
        if (possible) {
          this.carry = bytes.slice(i);
          return unitsToString(units);
        }
      }
      if (n > 0 && i + n <= bytes.length && validSequence(bytes, i, n)) {
        let cp = lead & (0xff >> (n + 1));
        for (let k = 1; k < n; k++) cp = (cp << 6) | ((bytes[i + k] ?? 0) & 0x3f);
        pushCodePoint(units, cp);
        i += n;
        continue;
      }
      units.push(ESCAPE_BASE + lead);
      i++;
    }
    return unitsToString(units);
  }

  /** The stream ended: bytes of an unfinished sequence are escaped one by one. */
  end(): string {
    const units = Array.from(this.carry, (byte) => ESCAPE_BASE + byte);
    this.carry = new Uint8Array(0);
    return unitsToString(units);
  }
}

/** The pieces one after the other, in one array. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

/** The inverse: text from LosslessDecoder back to the exact bytes. */
export function textToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 3);
  let at = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    } else if (cp >= 0xdc80 && cp <= 0xdcff) {
      out[at++] = cp - ESCAPE_BASE; // an escaped byte
      continue;
    }
    if (cp < 0x80) out[at++] = cp;
    else if (cp < 0x800) {
      out[at++] = 0xc0 | (cp >> 6);
      out[at++] = 0x80 | (cp & 0x3f);
    } else if (cp < 0x10000) {
      out[at++] = 0xe0 | (cp >> 12);
      out[at++] = 0x80 | ((cp >> 6) & 0x3f);
      out[at++] = 0x80 | (cp & 0x3f);
    } else {
      out[at++] = 0xf0 | (cp >> 18);
      out[at++] = 0x80 | ((cp >> 12) & 0x3f);
      out[at++] = 0x80 | ((cp >> 6) & 0x3f);
      out[at++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.slice(0, at);
}
