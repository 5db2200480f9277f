// `npm run lab`: start the lab sshd and seed services under load, print how to connect, run
// until Ctrl-C. `npm run lab -- --service seed002 --service healthy` picks them (default seed000).

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { LAB_SERVICE_NAMES, type LabService, type LabServiceName } from './service';
import { LAB_SERVICES } from './services';
import { startLabSshd, type LabSshd } from './sshd';

const { values } = parseArgs({
  options: {
    concurrency: { type: 'string' },
    service: { type: 'string', multiple: true, default: ['seed000'] },
  },
});
const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
  console.error(`--concurrency wants a positive integer, got ${values.concurrency}`);
  process.exit(2);
}
const isServiceName = (name: string): name is LabServiceName =>
  LAB_SERVICE_NAMES.some((known) => known === name);
const names: LabServiceName[] = [];
for (const name of values.service) {
  if (!isServiceName(name)) {
    console.error(`--service: unknown ${name}; one of ${LAB_SERVICE_NAMES.join(', ')}`);
    process.exit(2);
  }
  if (!names.includes(name)) names.push(name);
}

let sshd: LabSshd | undefined;
const services: LabService[] = [];
let stopping = false;

async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the lab...`);
  for (const service of services.splice(0).reverse()) await service.stop();
  await sshd?.stop();
  console.log('lab stopped; its processes and keys are gone.');
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void shutdown(signal));
}

try {
  sshd = await startLabSshd();
  for (const name of names) {
    services.push(await LAB_SERVICES[name].start(concurrency === undefined ? {} : { concurrency }));
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  for (const service of services.splice(0).reverse()) await service.stop();
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

${services.map(describe).join('\n')}`);

function describe(service: LabService): string {
  const entry = LAB_SERVICES[service.name];
  const pids = Object.entries(service.pids).map(([role, pid]) => `${role} ${pid}`);
  const logs = Object.entries(service.logs).map(([role, path]) => `    ${role.padEnd(9)}${path}`);
  return [
    `${service.name}: ${entry.what}`,
    `  PID          ${service.pid}   (the process to diagnose)`,
    `  URL          ${service.url}`,
    `  processes    ${pids.join(', ')}`,
    ...(logs.length > 0 ? ['  logs', ...logs] : []),
    '',
    '  In the SSH session:',
    ...entry.tryIt(service).map((command) => `    ${command}`),
    '',
  ].join('\n');
}
