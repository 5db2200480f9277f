import { randomBytes } from 'node:crypto';

/** Random, unguessable ids with a prefix that says what they name (h_ host, c_ connection, r_ renderer, i_ investigation, s_/f_/a_ its items...). */
export function newId(prefix: 'h' | 'c' | 't' | 'p' | 'r' | 'i' | 's' | 'f' | 'a'): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}
