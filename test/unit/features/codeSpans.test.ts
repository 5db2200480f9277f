import { describe, expect, it } from 'vitest';
import { codeSpans } from '../../../renderer/features/insights/codeSpans';

describe('codeSpans', () => {
  it('backticked names become code spans, the backticks gone', () => {
    expect(codeSpans('`rename` failed 3 of 3 calls')).toEqual([
      { text: 'rename', code: true },
      { text: ' failed 3 of 3 calls', code: false },
    ]);
    expect(codeSpans('repeats `sendto; rename = -1 ENOENT` 12 times')).toEqual([
      { text: 'repeats ', code: false },
      { text: 'sendto; rename = -1 ENOENT', code: true },
      { text: ' 12 times', code: false },
    ]);
  });

  it('an odd backtick (inside a host string) leaves the text as it is', () => {
    expect(codeSpans('thread "a`b" waits')).toEqual([{ text: 'thread "a`b" waits', code: false }]);
    expect(codeSpans('')).toEqual([]);
  });

  it('host text in a title: control characters shown, bidi controls dropped', () => {
    const thread = 'evil\u202e\u001b[2Jname\n';
    expect(codeSpans(`thread "${thread}" holds \`f\``)).toEqual([
      { text: 'thread "evil^[[2Jname^J" holds ', code: false },
      { text: 'f', code: true },
    ]);
  });
});
