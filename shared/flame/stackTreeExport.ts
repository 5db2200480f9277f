/** A tree back out as samples, collapsed stacks or a speedscope file. */
import { toCollapsed as samplesToCollapsed } from '../parsers/collapsed/collapsedParser';
import { toSpeedscope, type SpeedscopeFile } from '../parsers/collapsed/speedscope';
import { ROOT_NODE } from './nodeIds';
import type { StackFrame, StackSamples, WeightedStack } from './stackSamples';
import type { StackTree } from './stackTree';

/** Depth-first over nodes with own weight: (node, frame ids root → node). */
function forEachStack(
  tree: StackTree,
  visit: (node: number, path: Int32Array, length: number) => void,
): void {
  const a = tree.arrays();
  const { selfA, selfB } = tree.seriesArrays();
  const path = new Int32Array(tree.maxDepth + 1);
  const stackNode = new Int32Array(tree.maxDepth + 2);
  const stackNext = new Int32Array(tree.maxDepth + 2);
  let sp = 0;
  stackNode[0] = ROOT_NODE;
  while (sp >= 0) {
    const n = stackNode[sp] ?? 0;
    const i = stackNext[sp] ?? 0;
    if (i === 0 && n !== ROOT_NODE) {
      path[sp - 1] = a.frame[n] ?? 0;
      if ((selfA[n] ?? 0) !== 0 || (selfB?.[n] ?? 0) !== 0) visit(n, path, sp);
    }
    if (i < (a.childCount[n] ?? 0)) {
      stackNext[sp] = i + 1;
      sp++;
      stackNode[sp] = a.childList[(a.childStart[n] ?? 0) + i] ?? 0;
      stackNext[sp] = 0;
    } else {
      sp--;
    }
  }
}

/**
 * The tree back as samples: one stack per node with own weight, over a frame table holding only
 * the frames used (a sandwich or focus tree shares its source's bigger table). A diff tree gives
 * differential samples (weight = before, weightB = after).
 */
export function treeToSamples(tree: StackTree): StackSamples {
  const { selfA, selfB } = tree.seriesArrays();
  const used = new Int32Array(tree.frames.size).fill(-1);
  const frames: StackFrame[] = [];
  const stacks: WeightedStack[] = [];
  let totalWeight = 0;
  let totalWeightB = 0;
  forEachStack(tree, (node, path, length) => {
    const frameIds = new Array<number>(length);
    for (let i = 0; i < length; i++) {
      const f = path[i] ?? 0;
      let index = used[f] ?? -1;
      if (index < 0) {
        index = frames.length;
        used[f] = index;
        frames.push({ ...tree.frames.frame(f) });
      }
      frameIds[i] = index;
    }
    const weight = selfA[node] ?? 0;
    totalWeight += weight;
    if (selfB) {
      const weightB = selfB[node] ?? 0;
      totalWeightB += weightB;
      stacks.push({ frameIds, weight, weightB });
    } else {
      stacks.push({ frameIds, weight });
    }
  });
  return selfB
    ? { frames, stacks, totalWeight, differential: true, totalWeightB }
    : { frames, stacks, totalWeight };
}

/**
 * Collapsed stacks (`frames count`, difffolded's `frames before after` for a diff tree), with
 * the team's writer (`shared/parsers/collapsed`): frames are py-spy's `name (file:line)`.
 */
export function treeToCollapsed(tree: StackTree): string {
  return samplesToCollapsed(treeToSamples(tree));
}

/** A speedscope file: one sampled profile, or two for differential samples (before and after). */
export function samplesToSpeedscope(samples: StackSamples, name = 'profile'): SpeedscopeFile {
  const file = toSpeedscope(samples, name);
  if (samples.differential !== true) return file;
  const after = toSpeedscope(
    {
      frames: samples.frames,
      stacks: samples.stacks.map((s) => ({ frameIds: s.frameIds, weight: s.weightB ?? 0 })),
      totalWeight: samples.totalWeightB ?? 0,
    },
    name,
  );
  const before = file.profiles[0];
  const next = after.profiles[0];
  if (!before || !next) return file;
  // Stacks with no weight on one side are left out of that side's profile.
  const keep = (profile: typeof before, label: string) => {
    const samplesOut: number[][] = [];
    const weights: number[] = [];
    profile.weights.forEach((w, i) => {
      if (w !== 0) {
        samplesOut.push(profile.samples[i] ?? []);
        weights.push(w);
      }
    });
    return { ...profile, name: `${name} (${label})`, samples: samplesOut, weights };
  };
  return {
    ...file,
    profiles: [keep(before, 'before'), keep(next, 'after')],
    activeProfileIndex: 1,
  };
}

/** A tree as a speedscope file (see samplesToSpeedscope). */
export const treeToSpeedscope = (tree: StackTree, name = 'profile'): SpeedscopeFile =>
  samplesToSpeedscope(treeToSamples(tree), name);
