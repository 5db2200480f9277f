import { describe, expect, it } from 'vitest';
import { installPlan, type InstallContext } from '../../lab/installPlan';

const base: InstallContext = {
  missing: ['gdb', 'nginx-light'],
  uid: 0,
  aptGet: true,
  installDisabled: false,
};

describe('installPlan', () => {
  it('does nothing when nothing is missing', () => {
    expect(installPlan({ ...base, missing: [] })).toEqual({ kind: 'nothing' });
  });

  it('installs exactly the missing packages as root with apt-get', () => {
    const plan = installPlan(base);
    expect(plan).toEqual({
      kind: 'install',
      commands: [
        ['apt-get', 'update', '-qq'],
        ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'gdb', 'nginx-light'],
      ],
    });
  });

  it('names the one command, and why, when it cannot install', () => {
    for (const context of [
      { ...base, uid: 1000 },
      { ...base, uid: null },
      { ...base, aptGet: false },
      { ...base, installDisabled: true },
    ]) {
      const plan = installPlan(context);
      expect(plan.kind).toBe('ask');
      if (plan.kind !== 'ask') continue;
      expect(plan.command).toContain('apt-get install -y --no-install-recommends gdb nginx-light');
      expect(plan.reason.length).toBeGreaterThan(0);
    }
  });
});
