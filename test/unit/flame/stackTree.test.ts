import { treeToCollapsed, treeToSpeedscope } from '../../../shared/flame/stackTreeExport';
import {
  isAncestorOrSelf,
  nodeAtPath,
  pathKeys,
  pathOf,
} from '../../../shared/flame/stackTreePaths';
import { focusTree, sandwichOf } from '../../../shared/flame/stackTreeSandwich';
import { searchTree } from '../../../shared/flame/stackTreeSearch';
import { topFunctions } from '../../../shared/flame/topFunctions';
import { describe, expect, it } from 'vitest';
import {
  formatFrame,
  frameKey,
  frameLocation,
  parseFrameText,
} from '../../../shared/flame/stackSamples';
import { ROOT_NODE, StackTree } from '../../../shared/flame/stackTree';
import { readSharedFixture } from '../fixturePath';
import { canonical, nodeAt, SANDWICH_TEXT, samplesOf } from './flameSamples';

const GIL = readSharedFixture('pyspy-record-raw-gil-threads.txt');
const BOOT = ['_bootstrap (threading.py:995)', '_bootstrap_inner (threading.py:1038)'];

describe('frames', () => {
  it('formats and reads back py-spy frames; synthetic frames stay bare names', () => {
    for (const text of ['work (gil.py:5)', '<module> (gil.py)', 'thread (0x7f12): MainThread']) {
      expect(formatFrame(parseFrameText(text))).toBe(text);
    }
    expect(parseFrameText('work (gil.py:5)')).toEqual({ name: 'work', file: 'gil.py', line: 5 });
    expect(frameLocation({ name: 'f', file: 'a.py', line: 3 })).toBe('a.py:3');
    expect(frameLocation({ name: 'thread (1)' })).toBe('');
    expect(frameKey({ name: 'f', file: 'a.py' })).not.toBe(frameKey({ name: 'f', file: 'b.py' }));
  });

  it('reads the py-spy raw fixture (through the team parser) with deduplicated frames', () => {
    const samples = samplesOf(GIL);
    expect(samples.totalWeight).toBe(1032);
    expect(samples.stacks).toHaveLength(3);
    expect(samples.frames).toHaveLength(6); // threading ×3, work:4, work:5, <module>
  });
});

describe('StackTree', () => {
  it('builds totals and self weights from the py-spy fixture', () => {
    const tree = StackTree.fromSamples(samplesOf(GIL));
    expect(tree.totalWeight).toBe(1032);
    expect(tree.nodeCount).toBe(7); // root + 3 threading + 2 work + <module>
    expect(tree.maxDepth).toBe(4);
    const boot = nodeAt(tree, [BOOT[0] ?? '']);
    expect(tree.weights(boot)).toMatchObject({ self: 0, total: 1000 });
    const run = nodeAt(tree, [...BOOT, 'run (threading.py:975)']);
    // Heaviest child first.
    expect(Array.from(tree.childrenOf(run)).map((n) => tree.label(n))).toEqual([
      'work (gil.py:5)',
      'work (gil.py:4)',
    ]);
    expect(tree.weights(nodeAt(tree, ['<module> (gil.py:9)']))).toMatchObject({
      self: 32,
      total: 32,
    });
    expect(tree.depthOf(run)).toBe(3);
    expect(tree.parentOf(ROOT_NODE)).toBe(-1);
  });

  it('orders siblings by name when asked (flamegraph.pl order)', () => {
    const tree = StackTree.fromSamples(samplesOf('r;b 5\nr;a 1\nr;c 9'), { childOrder: 'name' });
    const r = nodeAt(tree, ['r']);
    expect(Array.from(tree.childrenOf(r)).map((n) => tree.label(n))).toEqual(['a', 'b', 'c']);
  });

  it('merging samples equals building from all of them, even with different frame tables', () => {
    const all = SANDWICH_TEXT + '\n' + GIL;
    const lines = all.split('\n').filter(Boolean);
    const first = lines.filter((_, i) => i % 2 === 0).join('\n');
    const second = lines.filter((_, i) => i % 2 === 1).join('\n');
    const merged = StackTree.fromSamples(samplesOf(first));
    const before = merged.arrays(); // read side built, then invalidated by the merge
    expect(before.count).toBeGreaterThan(1);
    merged.mergeSamples(samplesOf(second));
    merged.mergeSamples(samplesOf('main;alpha 1'));
    const whole = StackTree.fromSamples(samplesOf(`${all}\nmain;alpha 1`));
    expect(canonical(merged)).toEqual(canonical(whole));
    expect(merged.totalWeight).toBe(whole.totalWeight);
    expect(merged.nodeCount).toBe(whole.nodeCount);
  });

  it('finds nodes again by frame-key paths (zoom survives a rebuild)', () => {
    const tree = StackTree.fromSamples(samplesOf(SANDWICH_TEXT));
    const beta = nodeAt(tree, ['main', 'alpha', 'beta']);
    const keys = pathKeys(tree, beta);
    expect(keys).toEqual(['main', 'alpha', 'beta'].map((name) => frameKey({ name })));
    const rebuilt = StackTree.fromSamples(samplesOf(`other;x 1\n${SANDWICH_TEXT}`));
    expect(rebuilt.label(nodeAtPath(rebuilt, keys))).toBe('beta');
    expect(pathOf(rebuilt, nodeAtPath(rebuilt, keys))).toHaveLength(3);
    // A path that no longer exists ends at its deepest existing node.
    expect(rebuilt.label(nodeAtPath(rebuilt, [...keys.slice(0, 2), 'nope']))).toBe('alpha');
    expect(isAncestorOrSelf(tree, nodeAt(tree, ['main']), beta)).toBe(true);
    expect(isAncestorOrSelf(tree, nodeAt(tree, ['other']), beta)).toBe(false);
  });

  it('search reports matching nodes and the share of samples, recursion counted once', () => {
    const tree = StackTree.fromSamples(samplesOf(SANDWICH_TEXT));
    const beta = searchTree(tree, 'BETA');
    expect(beta.matchedFrames).toBe(1);
    expect(beta.nodes).toHaveLength(2);
    expect(beta.matchedWeight).toBe(13);
    expect(beta.share).toBeCloseTo(13 / 24);
    const gamma = searchTree(tree, 'gamma');
    expect(gamma.nodes).toHaveLength(6);
    expect(gamma.matchedWeight).toBe(24);
    expect(gamma.share).toBe(1);
    expect(searchTree(tree, '/^(alpha|other)$/').matchedWeight).toBe(19);
    const broken = searchTree(tree, '/[/');
    expect(broken.regexError).toBeTruthy();
    expect(broken.mode).toBe('text');
    expect(searchTree(tree, '  ').share).toBe(0);
    expect(searchTree(tree, 'nothing').nodes).toHaveLength(0);
  });

  it('search matches file names too (py-spy frames)', () => {
    const tree = StackTree.fromSamples(samplesOf(GIL));
    expect(searchTree(tree, 'gil.py').share).toBe(1);
    expect(searchTree(tree, 'gil.py:4').matchedWeight).toBe(93);
    expect(searchTree(tree, 'threading').share).toBeCloseTo(1000 / 1032);
  });

  it('sandwich: callers inverted from the outermost call, callees merged over call sites', () => {
    const tree = StackTree.fromSamples(samplesOf(SANDWICH_TEXT));
    const gamma = tree.frames.idOfKey(frameKey({ name: 'gamma' })) ?? -1;
    const sandwich = sandwichOf(tree, gamma);
    expect(sandwich.total).toBe(24);
    expect(sandwich.self).toBe(24);
    expect(canonical(sandwich.callers)).toEqual(
      [
        'gamma;alpha;main 5',
        'gamma;beta;alpha;main 10',
        'gamma;beta;main 3',
        'gamma;main 2',
        'gamma;other 4',
      ].sort(),
    );
    expect(canonical(sandwich.callees)).toEqual(['gamma 22', 'gamma;gamma 2']);
    expect(sandwich.callers.totalWeight).toBe(24);
    expect(sandwich.callees.totalWeight).toBe(24);
    // Percentages in the sandwich stay relative to the whole profile.
    expect(sandwich.callers.percentBase).toBe(24);
    const beta = tree.frames.idOfKey(frameKey({ name: 'beta' })) ?? -1;
    const betaSandwich = sandwichOf(tree, beta);
    expect(canonical(betaSandwich.callers)).toEqual(['beta;alpha;main 10', 'beta;main 3']);
    expect(canonical(betaSandwich.callees)).toEqual(['beta;gamma 13']);
    expect(betaSandwich.callers.percentBase).toBe(24);
  });

  it('topFunctions: self and total per frame, recursion counted once, lines merged on request', () => {
    const tree = StackTree.fromSamples(samplesOf(SANDWICH_TEXT));
    const rows = topFunctions(tree);
    expect(rows[0]).toMatchObject({ name: 'gamma', self: 24, total: 24, selfShare: 1 });
    const main = rows.find((r) => r.name === 'main');
    expect(main).toMatchObject({ self: 0, total: 20 });
    expect(topFunctions(tree, { sortBy: 'total', limit: 2 }).map((r) => r.name)).toEqual([
      'gamma',
      'main',
    ]);
    const gil = StackTree.fromSamples(samplesOf(GIL));
    const byFunction = topFunctions(gil, { by: 'function' });
    const work = byFunction.find((r) => r.name === 'work');
    expect(work).toMatchObject({ self: 1000, total: 1000, file: 'gil.py' });
    expect(work?.line).toBeUndefined();
    expect(topFunctions(gil).filter((r) => r.name === 'work')).toHaveLength(2);
  });

  it('focus makes a subtree the whole tree', () => {
    const tree = StackTree.fromSamples(samplesOf(SANDWICH_TEXT));
    const focused = focusTree(tree, nodeAt(tree, ['main', 'alpha']));
    expect(focused.totalWeight).toBe(15);
    expect(canonical(focused)).toEqual(['alpha;beta;gamma 10', 'alpha;gamma 5']);
    expect(canonical(focusTree(tree, ROOT_NODE))).toEqual(canonical(tree));
  });

  it('diff normalizes each side by its own total', () => {
    const before = samplesOf('r;a 50\nr;b 50');
    const after = samplesOf('r;a 250\nr;b 750\nr;c 0');
    const diff = StackTree.diff(before, after);
    expect(diff.isDiff).toBe(true);
    expect(diff.totalWeight).toBeCloseTo(1);
    expect(diff.seriesTotals).toEqual({ a: 100, b: 1000 });
    const a = diff.weights(nodeAt(diff, ['r', 'a']));
    expect(a).toMatchObject({ selfA: 50, totalA: 50, selfB: 250, totalB: 250 });
    expect(a.total).toBeCloseTo((0.5 + 0.25) / 2);
    // Same shape scaled: nothing changed.
    const same = StackTree.diff(before, samplesOf('r;a 7\nr;b 7'));
    const w = same.weights(nodeAt(same, ['r', 'b']));
    expect((w.totalB ?? 0) / same.seriesTotals.b - w.totalA / same.seriesTotals.a).toBeCloseTo(0);
    // Frames only in one side stay visible.
    const gone = StackTree.diff(samplesOf('r;old 10\nr;x 10'), samplesOf('r;x 5'));
    expect(gone.weights(nodeAt(gone, ['r', 'old'])).total).toBeCloseTo(0.25);
    expect(searchTree(gone, 'old').shareA).toBeCloseTo(0.5);
    expect(searchTree(gone, 'old').shareB).toBe(0);
    // Two trees give the same diff as two sample sets; differential input as well.
    const viaTrees = StackTree.diffTrees(
      StackTree.fromSamples(before),
      StackTree.fromSamples(after),
    );
    expect(canonical(viaTrees)).toEqual(canonical(diff));
    const differential = StackTree.fromSamples(samplesOf('r;a 50 250\nr;b 50 750'));
    expect(differential.isDiff).toBe(true);
    expect(canonical(differential)).toEqual(['r;a 50 250', 'r;b 50 750']);
    // The sandwich of a diff keeps shares relative to the whole profile.
    const rows = topFunctions(diff);
    expect(rows.find((r) => r.name === 'b')).toMatchObject({ totalA: 50, totalB: 750 });
    const sandwich = sandwichOf(diff, diff.frames.idOfKey(frameKey({ name: 'a' })) ?? -1);
    expect(sandwich.callers.weights(0).total).toBeCloseTo(0.375);
  });

  it('exports collapsed text that parses back to the same tree', () => {
    const tree = StackTree.fromSamples(samplesOf(GIL + SANDWICH_TEXT));
    const again = StackTree.fromSamples(samplesOf(treeToCollapsed(tree)));
    expect(canonical(again)).toEqual(canonical(tree));
    expect(treeToCollapsed(StackTree.empty())).toBe('');
  });

  it('exports a speedscope file with deduplicated frames', () => {
    const tree = StackTree.fromSamples(samplesOf(GIL));
    const file = treeToSpeedscope(tree, 'gil');
    expect(file.$schema).toBe('https://www.speedscope.app/file-format-schema.json');
    expect(file.shared.frames).toHaveLength(6);
    expect(file.shared.frames).toContainEqual({ name: 'work', file: 'gil.py', line: 5 });
    const profile = file.profiles[0];
    expect(profile).toMatchObject({ type: 'sampled', unit: 'none', endValue: 1032 });
    expect(profile?.samples).toHaveLength(3);
    expect(profile?.weights.reduce((a, b) => a + b, 0)).toBe(1032);
    const stack = profile?.samples[profile.weights.indexOf(907)] ?? [];
    expect(stack.map((i) => file.shared.frames[i]?.name)).toEqual([
      '_bootstrap',
      '_bootstrap_inner',
      'run',
      'work',
    ]);
    const diff = treeToSpeedscope(StackTree.diff(samplesOf('a 1'), samplesOf('a 2\nb 3')), 'd');
    expect(diff.profiles.map((p) => [p.name, p.endValue])).toEqual([
      ['d (before)', 1],
      ['d (after)', 5],
    ]);
  });

  it('grows past its initial capacity', () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`root;f${i % 97};g${i};h${i % 5} ${1 + (i % 3)}`);
    const tree = StackTree.fromSamples(samplesOf(lines.join('\n')));
    expect(tree.nodeCount).toBe(1 + 1 + 97 + 3000 + 3000);
    expect(tree.totalWeight).toBe(lines.reduce((s, l) => s + Number(l.split(' ')[1]), 0));
    expect(searchTree(tree, 'g2999').matchedWeight).toBe(1 + (2999 % 3));
  });
});
