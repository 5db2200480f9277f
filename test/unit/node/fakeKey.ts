import { randomBytes } from 'node:crypto';

/** An SSH wire-format key blob: string type, then 36 random bytes standing in for the key. */
export function fakeKey(type = 'ssh-ed25519'): Buffer {
  const name = Buffer.from(type);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, randomBytes(36)]);
}
