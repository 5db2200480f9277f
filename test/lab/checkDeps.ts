// Are the system tools the lab and the tests rely on installed? Run first by `npm test`.
//   tsx test/lab/checkDeps.ts             check; install what is missing when root with apt-get,
//                                         otherwise print what is missing and the one command
//   tsx test/lab/checkDeps.ts --packages  print every Debian package the lab needs, space-separated

import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { installPlan } from './installPlan';
import { ensurePySpy } from './pyspyInstall';
import { pamModulePath } from './sshdPam';

/** Every Debian package the lab needs; `.ci/run` installs exactly these. */
export const LAB_DEBIAN_PACKAGES = [
  'openssh-server',
  'openssh-client',
  'strace',
  'procps',
  // `ss`: the seed-004 lab test shows the worker's connection to itself with it.
  'iproute2',
  'gdb',
  'python3',
  'python3-dbg',
  'python3-fastapi',
  'python3-uvicorn',
  'python3-httpx',
  'gunicorn',
  'nginx-light',
  'chromium',
  // Replays capture logs: the test that they are real asciicast, exact bytes included.
  'asciinema',
  // Keyboard-interactive logins with a one-time code: pam_oath in the lab sshd, oathtool in tests.
  'libpam-oath',
  'oathtool',
  // Drops every packet inside a test's network namespace: a link that dies silently.
  'nftables',
  // Captures run as root through sudo, its password prompt answered from the app.
  'sudo',
] as const;

type LabPackage = (typeof LAB_DEBIAN_PACKAGES)[number];

interface Requirement {
  what: string;
  pkg: LabPackage;
  present: () => boolean;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((dir) => executable(join(dir, name)));
}

/** Debian names it python3.11-dbg (and python3-dbg); accept any python3*-dbg. */
function pythonDbgPresent(): boolean {
  return readdirSync('/usr/bin').some(
    (f) => /^python3[\d.]*-dbg$/.test(f) && executable(`/usr/bin/${f}`),
  );
}

/** Modules that Debian's /usr/bin/python3 cannot find (all of them if python3 itself is missing). */
function missingPythonModules(modules: string[]): Set<string> {
  const script =
    'import importlib.util, sys\n' +
    'print(" ".join(m for m in sys.argv[1:] if importlib.util.find_spec(m) is None))';
  try {
    const out = execFileSync('/usr/bin/python3', ['-c', script, ...modules], { encoding: 'utf8' });
    return new Set(out.split(/\s+/).filter(Boolean));
  } catch {
    return new Set(modules);
  }
}

function requirements(): Requirement[] {
  const missingModules = missingPythonModules(['fastapi', 'uvicorn', 'httpx']);
  const module = (name: string, pkg: LabPackage): Requirement => ({
    what: `python module ${name} for /usr/bin/python3`,
    pkg,
    present: () => !missingModules.has(name),
  });
  return [
    { what: '/usr/sbin/sshd', pkg: 'openssh-server', present: () => executable('/usr/sbin/sshd') },
    { what: 'ssh', pkg: 'openssh-client', present: () => onPath('ssh') },
    { what: 'ssh-keygen', pkg: 'openssh-client', present: () => onPath('ssh-keygen') },
    { what: 'strace', pkg: 'strace', present: () => onPath('strace') },
    { what: 'top', pkg: 'procps', present: () => onPath('top') },
    { what: 'ss', pkg: 'iproute2', present: () => onPath('ss') },
    { what: 'gdb', pkg: 'gdb', present: () => onPath('gdb') },
    { what: '/usr/bin/python3', pkg: 'python3', present: () => executable('/usr/bin/python3') },
    { what: '/usr/bin/python3*-dbg', pkg: 'python3-dbg', present: pythonDbgPresent },
    module('fastapi', 'python3-fastapi'),
    module('uvicorn', 'python3-uvicorn'),
    module('httpx', 'python3-httpx'),
    { what: 'gunicorn', pkg: 'gunicorn', present: () => executable('/usr/bin/gunicorn') },
    // /usr/sbin is not on a normal user's PATH, so look there directly.
    { what: 'nginx', pkg: 'nginx-light', present: () => executable('/usr/sbin/nginx') },
    { what: '/usr/bin/chromium', pkg: 'chromium', present: () => executable('/usr/bin/chromium') },
    { what: 'asciinema', pkg: 'asciinema', present: () => onPath('asciinema') },
    {
      what: 'pam_oath.so',
      pkg: 'libpam-oath',
      present: () => pamModulePath('pam_oath.so') !== null,
    },
    { what: 'oathtool', pkg: 'oathtool', present: () => onPath('oathtool') },
    { what: '/usr/sbin/nft', pkg: 'nftables', present: () => executable('/usr/sbin/nft') },
    { what: '/usr/bin/sudo', pkg: 'sudo', present: () => executable('/usr/bin/sudo') },
  ];
}

function missingRequirements(): Requirement[] {
  return requirements().filter((r) => !r.present());
}

function reportMissing(missing: Requirement[]): void {
  console.error('The lab needs system packages that are missing:');
  for (const r of missing) console.error(`  - ${r.what} (Debian package ${r.pkg})`);
}

/** Installs what is missing when it can; returns false (having said why) when it cannot. */
function installMissing(missing: Requirement[]): boolean {
  const plan = installPlan({
    missing: [...new Set(missing.map((r) => r.pkg))],
    uid: process.getuid?.() ?? null,
    aptGet: onPath('apt-get'),
    installDisabled: process.env['WORKBENCH_NO_INSTALL'] === '1',
  });
  if (plan.kind === 'nothing') return true;
  if (plan.kind === 'ask') {
    console.error(
      `Not installing them here: ${plan.reason}. Install them with:\n  ${plan.command}`,
    );
    return false;
  }
  for (const [command = 'apt-get', ...args] of plan.commands) {
    console.error(`Installing: ${command} ${args.join(' ')}`);
    const run = spawnSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (run.status !== 0) {
      console.error(`${command} failed (exit ${run.status ?? run.signal ?? '?'}).`);
      return false;
    }
  }
  return true;
}

function main(argv: string[]): number {
  if (argv.includes('--packages')) {
    console.log(LAB_DEBIAN_PACKAGES.join(' '));
    return 0;
  }
  const missing = missingRequirements();
  if (missing.length > 0) {
    reportMissing(missing);
    if (!installMissing(missing)) return 1;
    const stillMissing = missingRequirements();
    if (stillMissing.length > 0) {
      reportMissing(stillMissing);
      return 1;
    }
  }
  // py-spy comes from pip, not apt: installed as the workbench installs it, where it may be.
  const pyspy = ensurePySpy();
  console.log(
    `lab dependencies: all ${LAB_DEBIAN_PACKAGES.length} Debian packages present; ${pyspy}`,
  );
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = main(process.argv.slice(2));
}
