import { describe, expect, it } from 'vitest';
import { RECORD_DATA_MARKER } from '../../../shared/captures/recipes';
import { StackTree } from '../../../shared/flame/stackTree';
import { CollapsedStackParser, modeOfHead } from '../../../shared/parsers/collapsed';
import { FlameCapture } from '../../../renderer/workers/flameCapture';
import { FlameStream } from '../../../renderer/workers/flameStream';
import { readLocalFixture } from '../fixturePath';
import { generateCollapsed } from '../../bench/flameBenchData';

const RAW = readLocalFixture('collapsed', 'raw-seed000.txt');
const LOG = readLocalFixture('collapsed', 'record-raw-seed000.log');
const TOTAL = RAW.split('\n')
  .filter(Boolean)
  .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);

/** The tree a build posted, as the UI thread reads it. */
function treeOf(built: ReturnType<FlameStream['build']>): StackTree {
  if (!built.tree) throw new Error(`no tree: ${built.progress.failure ?? built.progress.phase}`);
  return StackTree.fromData(built.tree);
}

describe('FlameStream (the worker side of a recording)', () => {
  it('waits for the marker: py-spy chatter before it is not stacks', () => {
    const stream = new FlameStream({});
    stream.push(LOG);
    expect(stream.progress().phase).toBe('waiting');
    expect(stream.started).toBe(false);
    stream.push(`\r\n${RECORD_DATA_MARKER}\r\n`);
    stream.push(RAW.replace(/\n/g, '\r\n'));
    expect(stream.progress()).toMatchObject({ phase: 'reading' });
    expect(stream.progress().lines).toBeGreaterThanOrEqual(RAW.split('\n').length - 1);
    stream.end();
    const built = stream.build();
    expect(built.progress.phase).toBe('built');
    expect(treeOf(built).totalWeight).toBe(TOTAL);
    expect(stream.unparsedLines).toBe(0);
  });

  it('builds again only when more text came, and a paste needs no marker', () => {
    const stream = new FlameStream({ ungated: true });
    expect(stream.changed).toBe(true); // an empty paste still gets its (empty) tree
    const half = RAW.length >> 1;
    const cut = RAW.lastIndexOf('\n', half) + 1;
    stream.push(RAW.slice(0, cut));
    const first = treeOf(stream.build());
    expect(stream.changed).toBe(false);
    stream.push(RAW.slice(cut));
    expect(stream.changed).toBe(true);
    stream.end();
    const second = treeOf(stream.build());
    expect(first.totalWeight).toBeLessThan(TOTAL);
    expect(second.totalWeight).toBe(TOTAL);
  });

  it('a last line without a newline, flushed at the end, makes a new tree', () => {
    const stream = new FlameStream({ ungated: true });
    stream.push('main;a 1\nmain;b 2');
    expect(treeOf(stream.build()).totalWeight).toBe(1); // `main;b 2` may still grow
    expect(stream.changed).toBe(false);
    stream.end();
    expect(stream.changed).toBe(true);
    expect(treeOf(stream.build()).totalWeight).toBe(3);
  });

  it('counts garbage lines and still builds what it understood', () => {
    const stream = new FlameStream({ ungated: true });
    stream.push('not a stack line\n\u001b[31mred\u001b[0m\n' + RAW + '\ufffd\ufffd 12 x\n');
    stream.end();
    const built = stream.build();
    expect(stream.unparsedLines).toBeGreaterThanOrEqual(2);
    expect(treeOf(built).totalWeight).toBe(TOTAL);
  });

  it("py-spy record's own Samples/Errors, printed before the marker, reach the progress", () => {
    const stream = new FlameStream({});
    const tty = readLocalFixture('pyspy', 'record-nonblocking-churn.typescript');
    for (let at = 0; at < tty.length; at += 97) stream.push(tty.slice(at, at + 97));
    expect(stream.progress().reported).toEqual({ samples: 434, errors: 68 });
    stream.push(`${RECORD_DATA_MARKER}\r\n`);
    stream.push('thread (1): MainThread;<module> (churn.py:10) 5\r\n');
    stream.end();
    const built = stream.build();
    expect(built.progress.reported).toEqual({ samples: 434, errors: 68 });
    expect(built.stacks).toBe(1);
    expect(stream.unparsedLines).toBe(0);
  });

  it('a file in parts: the others read elsewhere count in the progress once, then merge', () => {
    const stream = new FlameStream({ ungated: true });
    const target = stream.collapsedParts;
    if (!target) throw new Error('a paste can be read in parts');
    expect(new FlameStream({}).collapsedParts).toBeUndefined(); // a recording waits for its marker
    const lines = RAW.split('\n').filter(Boolean);
    const cut = Math.floor(lines.length / 2);
    const head = `${lines.slice(0, cut).join('\n')}\n`;
    const tail = `${lines.slice(cut).join('\n')}\n`;
    expect(modeOfHead(head)).toBe('plain');
    stream.push(head);
    target.reading(1, 100, 3);
    target.reading(1, tail.length, lines.length - cut);
    expect(stream.progress()).toMatchObject({ chars: RAW.length, lines: lines.length });
    const other = new CollapsedStackParser({ mode: 'plain' });
    other.push(tail);
    other.end();
    target.absorb(1, other.part(), tail.length, lines.length - cut);
    stream.end();
    const built = stream.build();
    expect(built.progress).toMatchObject({ chars: RAW.length, lines: lines.length, threads: 2 });
    expect(treeOf(built).totalWeight).toBe(TOTAL);
  });
});

describe('FlameCapture (a FlameStream as the worker runs it)', () => {
  it('at the end says the tree is being built, then builds it after that was posted', () => {
    const capture = new FlameCapture({ ungated: true });
    capture.push(RAW);
    capture.end();
    const said = capture.snapshot();
    expect(said.progress.phase).toBe('building');
    expect(said.tree).toBeNull();
    capture.afterEnd();
    const built = capture.snapshot();
    expect(built.progress.phase).toBe('built');
    expect(built.tree && StackTree.fromData(built.tree).totalWeight).toBe(TOTAL);
  });
});

describe('FlameCapture: a large profile is previewed before its whole tree is built', () => {
  it('a preview of the visible nodes (every sample in it), then the whole tree', () => {
    const { text, samples } = generateCollapsed({ stacks: 20_000, samples: 200_000, seed: 3 });
    const capture = new FlameCapture({ ungated: true });
    capture.pushBytes?.(new TextEncoder().encode(text));
    capture.end();
    expect(capture.preview()).toBe(true);
    const first = capture.snapshot();
    expect(first.preview).toBe(true);
    expect(first.progress.phase).toBe('building');
    const preview = StackTree.fromData(first.tree ?? fail('no preview tree'));
    capture.afterEnd();
    const last = capture.snapshot();
    expect(last.preview).toBeUndefined();
    expect(last.progress.phase).toBe('built');
    const whole = StackTree.fromData(last.tree ?? fail('no whole tree'));
    expect(preview.totalWeight).toBe(samples);
    expect(whole.totalWeight).toBe(samples);
    expect(preview.nodeCount * 5).toBeLessThan(whole.nodeCount);
    expect(last.stacks).toBe(first.stacks);
  });

  it('a small profile, or a differential one, gets its whole tree at once', () => {
    // 150 000 distinct differential stacks of 2 frames: past the preview's size, but a diff.
    const differential = Array.from({ length: 150_000 }, (_, i) => `f${i % 997};g${i} 3 4\n`);
    for (const text of [RAW, differential.join('')]) {
      const capture = new FlameCapture({ ungated: true });
      capture.push(text);
      capture.end();
      expect(capture.preview()).toBe(false);
      capture.afterEnd();
      expect(capture.snapshot().tree).not.toBeNull();
    }
  });
});

function fail(message: string): never {
  throw new Error(message);
}
