import { describe, expect, it } from 'vitest';
import { MarkerSplit } from '../../../shared/captures/markerSplit';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

/** Feeds `text` cut at `cuts`; returns what was shown and what was hidden. */
function run(marker: string, text: string, cuts: number[]): { shown: string; hidden: string } {
  const split = new MarkerSplit(marker);
  const bytes = enc(text);
  let shown = '';
  let hidden = '';
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    const part = split.split(bytes.subarray(at, cut));
    shown += dec(part.shown);
    hidden += dec(part.hidden);
    at = cut;
  }
  return { shown, hidden };
}

describe('MarkerSplit', () => {
  const marker = '=== workbench: recorded stacks follow ===';
  const before = 'py-spy> Sampling process 100 times a second. Press Control-C to exit.\r\n';
  const data = 'a;b;c 10\r\na;b 3\r\n';

  it('shows up to the marker line, hides the rest, at any cut (across the marker too)', () => {
    const text = `${before}${marker}\r\n${data}`;
    for (let cut = 0; cut <= text.length; cut++) {
      expect(run(marker, text, [cut])).toEqual({ shown: `${before}${marker}\r\n`, hidden: data });
    }
    expect(
      run(
        marker,
        text,
        Array.from({ length: text.length }, (_, i) => i),
      ),
    ).toEqual({
      shown: `${before}${marker}\r\n`,
      hidden: data,
    });
  });

  it('finds a marker after a false start that overlaps it (=== ==== …)', () => {
    const text = `==== ===${marker}\n${data}`;
    expect(run(marker, text, [3, 9])).toEqual({ shown: `==== ===${marker}\n`, hidden: data });
  });

  it('shows everything when the marker never comes (py-spy failed)', () => {
    const text = `${before}Error: Failed to find python version from target process\r\n`;
    expect(run(marker, text, [10, 40])).toEqual({ shown: text, hidden: '' });
  });
});

describe('MarkerSplit on text (the recording gate)', () => {
  it('splits text exactly where it splits the same bytes, at any cut', () => {
    const marker = '=== marker ===';
    const text = `progress 1\r\nprogress 2\r\n${marker}\r\na;b 1\r\n`;
    for (let cut = 0; cut <= text.length; cut++) {
      const split = new MarkerSplit(marker);
      const parts = [text.slice(0, cut), text.slice(cut)].map((t) => split.splitText(t));
      const shown = parts.map((p) => p.shown).join('');
      const hidden = parts.map((p) => p.hidden).join('');
      expect({ shown, hidden }).toEqual(run(marker, text, [cut]));
      expect(hidden).toBe('a;b 1\r\n');
    }
  });
});
