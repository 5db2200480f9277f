import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../shared/contract/index';
import { hostStateText } from '../../../renderer/features/hosts/hostStateText';

const base: ConnectionInfo = {
  connectionId: 'c_abcdef12',
  hostId: 'h_abcdef12',
  state: 'connected',
  cores: 4,
};

describe('hostStateText', () => {
  it('says each state in words', () => {
    expect(hostStateText({ ...base, state: 'connecting' }, 0)).toBe('connecting…');
    expect(hostStateText(base, 0)).toBe('connected');
    expect(hostStateText({ ...base, state: 'failed' }, 0)).toBe('failed');
    expect(hostStateText({ ...base, state: 'closed' }, 0)).toBe('disconnected');
  });

  it('counts down to the next try in whole seconds, and says when one is under way', () => {
    const reconnecting: ConnectionInfo = {
      ...base,
      state: 'reconnecting',
      reconnect: { attempt: 3, lostAt: 1_000, nextTryAt: 10_000 },
    };
    expect(hostStateText(reconnecting, 6_100)).toBe('reconnecting (attempt 3, next try in 4 s)');
    expect(hostStateText(reconnecting, 12_000)).toBe('reconnecting (attempt 3, next try in 0 s)');
    expect(
      hostStateText(
        { ...reconnecting, reconnect: { attempt: 4, lostAt: 1_000, nextTryAt: null } },
        0,
      ),
    ).toBe('reconnecting (attempt 4, trying now…)');
  });
});
