/**
 * py-spy for the lab's tests, as the workbench itself installs it on a host (preflight's venv,
 * `~/.local/share/incident-workbench/py-spy`): it comes from pip, not apt. Tried only where the
 * Debian packages would be installed too (root, installs not disabled), with short network
 * timeouts; when PyPI does not answer, the tests that need py-spy say so and skip.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const PYSPY_VENV = join(homedir(), '.local/share/incident-workbench/py-spy');

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** py-spy as preflight finds it: the workbench's venv first, then PATH. */
export function findPySpy(): string | undefined {
  const path = (process.env['PATH'] ?? '').split(delimiter);
  return [join(PYSPY_VENV, 'bin'), ...path]
    .map((dir) => join(dir, 'py-spy'))
    .find((file) => executable(file));
}

/** A line saying what was found or done (never throws, never fails the run). */
export function ensurePySpy(): string {
  if (findPySpy()) return 'py-spy found';
  const mayInstall = process.getuid?.() === 0 && process.env['WORKBENCH_NO_INSTALL'] !== '1';
  if (!mayInstall) return 'py-spy not found (optional: the tests that need it skip, saying so)';
  const python = executable('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const steps: string[][] = [
    [python, '-m', 'venv', PYSPY_VENV],
    [join(PYSPY_VENV, 'bin/pip'), 'install', '--disable-pip-version-check', '-q', '--timeout', '15', '--retries', '1', 'py-spy'], // prettier-ignore
  ];
  for (const [command = python, ...args] of steps) {
    const run = spawnSync(command, args, { stdio: 'inherit', timeout: 120_000 });
    if (run.status !== 0) {
      return `py-spy not found, and installing it failed (${command} exit ${run.status ?? run.signal ?? '?'}): the tests that need it skip, saying so`;
    }
  }
  return findPySpy() ? `py-spy installed into ${PYSPY_VENV}` : 'py-spy not found after pip';
}
