// ssh2 as the app uses it: the same package, with the largest packet it accepts from a server
// raised from 35000 bytes to OpenSSH's 256 KiB.
//
// Why: after each write to a terminal whose echo is off in canonical mode (a password prompt,
// `stty -echo; cat > file`, `read -s`), OpenSSH's sshd sends an SSH_MSG_IGNORE as long as the
// bytes it wrote, so that no echo does not show on the wire (channels.c, channel_handle_wfd,
// "Simulate echo"). When a paste arrives faster than the program reads it, one write is often
// 40-135 KB, and so is that packet; stock ssh2 1.x rejects any packet over 35000 bytes ("Bad
// packet length", lib/protocol/crypto.js) and drops the connection with every terminal on it.
// RFC 4253 6.1: implementations SHOULD accept longer packets; OpenSSH's client takes 256 KiB
// (packet.c PACKET_MAX_SIZE). ssh2 has no option for it, so this loads ssh2's crypto.js with that
// one constant changed, then ssh2 itself. Code that needs ssh2's values imports them from here,
// never from 'ssh2' (a bundler hoists a package import above this module's code).

import { readFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';

import type * as Ssh2 from 'ssh2';

const ssh2Limit = /^const MAX_PACKET_SIZE = 35000;$/m;
const INBOUND_PACKET_LIMIT = 256 * 1024;

const requireHere = createRequire(import.meta.url);

/** The crypto.js that `import 'ssh2'` will load (resolved from ssh2's own entry point). */
function ssh2CryptoPath(): string {
  return join(dirname(requireHere.resolve('ssh2')), 'protocol', 'crypto.js');
}

function raiseSsh2InboundPacketLimit(): void {
  const path = ssh2CryptoPath();
  if (requireHere.cache[path]) {
    throw new Error(
      'ssh2 was loaded before electron/node/ssh/ssh2.ts could raise its packet limit',
    );
  }
  const source = readFileSync(path, 'utf8');
  if (!ssh2Limit.test(source)) {
    // Another ssh2 version: its limit may differ; fail loudly rather than run with 35000 unseen.
    throw new Error(`${path} has no "const MAX_PACKET_SIZE = 35000;" to raise`);
  }
  const patched = source.replace(ssh2Limit, `const MAX_PACKET_SIZE = ${INBOUND_PACKET_LIMIT};`);
  const module = new Module(path);
  module.filename = path;
  const moduleRequire = createRequire(path);
  const body = compileFunction(
    patched,
    ['exports', 'require', 'module', '__filename', '__dirname'],
    { filename: path },
  );
  body.call(module.exports, module.exports, moduleRequire, module, path, dirname(path));
  module.loaded = true;
  requireHere.cache[path] = module;
}

raiseSsh2InboundPacketLimit();

const ssh2: typeof Ssh2 = requireHere('ssh2');
export default ssh2;
