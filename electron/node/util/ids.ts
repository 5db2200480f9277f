import { randomBytes } from 'node:crypto';

/** Random, unguessable ids with a prefix that says what they name (h_ host, c_ connection, r_ renderer...). */
export function newId(prefix: 'h' | 'c' | 't' | 'p' | 'r'): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}
