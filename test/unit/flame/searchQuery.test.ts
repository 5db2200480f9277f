import { searchTree } from '../../../shared/flame/stackTreeSearch';
import { describe, expect, it } from 'vitest';
import { searchStatus } from '../../../shared/flame/searchQuery';
import { StackTree } from '../../../shared/flame/stackTree';
import { SANDWICH_TEXT, samplesOf } from './flameSamples';

// main;alpha;beta;gamma 10 · main;alpha;gamma 5 · main;beta;gamma 3 · main;gamma;gamma 2 ·
// other;gamma 4: 24 samples.
const tree = StackTree.fromSamples(samplesOf(SANDWICH_TEXT));
const status = (query: string) => searchStatus(searchTree(tree, query), false);

describe('flame search: text and regex', () => {
  it('plain text that is found is text', () => {
    const found = searchTree(tree, 'ALPHA');
    expect(found.mode).toBe('text');
    expect(found.tried).toEqual(['text']);
    expect(found.matchedWeight).toBe(15);
    expect(status('ALPHA')).toBe('text · 62.5 % of samples');
  });

  it('bare regex syntax that no frame holds as text is tried as a regex', () => {
    expect(searchTree(tree, 'alp.*').matchedWeight).toBe(15);
    expect(status('alp.*')).toBe('regex · 62.5 % of samples');
    expect(searchTree(tree, 'alpha|other').matchedWeight).toBe(19);
    expect(status('alpha|other')).toBe('regex · 79.2 % of samples');
    expect(searchTree(tree, '^BETA').mode).toBe('regex');
    expect(status('/^(alpha|other)$/')).toBe('regex · 79.2 % of samples');
  });

  it('says so when nothing matches, either way', () => {
    expect(status('read.*')).toBe('text or regex · no match');
    expect(status('nothing')).toBe('text · no match');
    expect(searchTree(tree, 'read.*').nodes).toHaveLength(0);
  });

  it('an invalid regex falls back to text and says why', () => {
    const broken = searchTree(tree, '/[/');
    expect(broken.mode).toBe('text');
    expect(broken.regexError).toMatch(/.+/);
    expect(status('/[/')).toBe('invalid regex → text · no match');
    expect(status('gamma(')).toBe('invalid regex → text · no match');
    // Found as text: the query was text, no warning.
    const textual = StackTree.fromSamples(samplesOf('main;f(x) 3\nmain;g 1'));
    expect(searchStatus(searchTree(textual, 'f(x'), false)).toBe('text · 75.0 % of samples');
    expect(searchStatus(searchTree(textual, '/f(x/'), false)).toBe(
      'invalid regex → text · 75.0 % of samples',
    );
  });

  it('diff trees give the share before and after', () => {
    const result = { ...searchTree(tree, 'beta'), shareA: 0.25, shareB: 0.5 };
    expect(searchStatus(result, true)).toBe('text · 25.0 % before, 50.0 % after');
  });
});
