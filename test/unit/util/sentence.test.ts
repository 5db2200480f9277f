import { describe, expect, it } from 'vitest';
import { asClause } from '../../../shared/util/sentence';

describe('asClause', () => {
  it('drops a message’s own final periods and spaces, so ours is the only one', () => {
    expect(asClause('Worker stopped.', '?')).toBe('Worker stopped');
    expect(asClause('out of memory ..  ', '?')).toBe('out of memory');
    expect(asClause('v1.2 is too old', '?')).toBe('v1.2 is too old');
  });
  it('gives the fallback for an empty message', () => {
    expect(asClause(' . ', 'no reason given')).toBe('no reason given');
  });
});
