// `npm run lab`: start the lab sshd and seed 000 under load, print how to connect, run until Ctrl-C.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { startSeed000, type Seed000 } from './seed000';
import { startLabSshd, type LabSshd } from './sshd';

const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '24' } } });
const concurrency = Number(values.concurrency);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  console.error(`--concurrency wants a positive integer, got ${values.concurrency}`);
  process.exit(2);
}

let sshd: LabSshd | undefined;
let seed: Seed000 | undefined;
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the lab...`);
  await seed?.stop();
  await sshd?.stop();
  console.log('lab stopped; its processes and keys are gone.');
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutdown(signal));
}

try {
  sshd = await startLabSshd();
  seed = await startSeed000({ concurrency });
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  await seed?.stop();
  await sshd?.stop();
  process.exit(1);
}

const knownHosts = join(sshd.dir, 'known_hosts');
writeFileSync(knownHosts, `${sshd.knownHostsLine()}\n`);
const target = `${sshd.user}@${sshd.host}`;

console.log(`
Incident workbench lab is running. Ctrl-C stops it and deletes its keys.

SSH server (OpenSSH sshd, listening on 127.0.0.1 only)
  host         ${sshd.host}
  port         ${sshd.port}
  user         ${sshd.user}
  key          ${sshd.keys.ed25519}   (ed25519, no passphrase)
  RSA key      ${sshd.keys.rsa}   (passphrase: ${sshd.keys.rsaPassphrase})
  host key     ${sshd.hostKeyFingerprintSha256}   (the app's host-key prompt must show this)
  known_hosts  ${knownHosts}
  log          ${sshd.logPath}

  Try it:
    ssh -i ${sshd.keys.ed25519} -p ${sshd.port} -o UserKnownHostsFile=${knownHosts} ${target}

Seed 000: uvicorn whose asyncio.to_thread pool fights for the GIL (${concurrency} clients calling it)
  PID          ${seed.pid}
  URL          ${seed.url}/api/report

  In the SSH session:
    top -H -p ${seed.pid}
    py-spy dump -p ${seed.pid}
    gdb -p ${seed.pid} -batch -ex "thread apply all py-bt"
`);
