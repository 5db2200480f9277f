// What `npm test` does about missing Debian packages: install them itself when it can (root with
// apt-get), otherwise name the one command that would. Pure, so the decision is unit-tested.

export interface InstallContext {
  /** Debian packages the check found missing, in the lab's order, without repeats. */
  missing: readonly string[];
  /** The effective uid of the process (`process.getuid()`), or null where there is none. */
  uid: number | null;
  /** Whether `apt-get` is on PATH. */
  aptGet: boolean;
  /** `WORKBENCH_NO_INSTALL=1`: the user asked `npm test` never to install system packages. */
  installDisabled: boolean;
}

export type InstallPlan =
  | { kind: 'nothing' }
  | { kind: 'install'; commands: string[][] }
  | { kind: 'ask'; reason: string; command: string };

const APT_INSTALL = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends'];

export function installPlan(context: InstallContext): InstallPlan {
  const { missing } = context;
  if (missing.length === 0) return { kind: 'nothing' };
  const command = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (context.installDisabled)
    return { kind: 'ask', reason: 'WORKBENCH_NO_INSTALL is set', command };
  if (!context.aptGet)
    return { kind: 'ask', reason: 'apt-get is not on PATH (not Debian or Ubuntu?)', command };
  if (context.uid !== 0)
    return { kind: 'ask', reason: 'installing system packages needs root', command };
  return {
    kind: 'install',
    commands: [
      ['apt-get', 'update', '-qq'],
      [...APT_INSTALL, ...missing],
    ],
  };
}
