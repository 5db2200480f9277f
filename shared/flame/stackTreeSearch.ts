/** Search over a tree's frames: which match a query, where, and what share of the samples. */
import { planSearch, type SearchMode } from './searchQuery';
import type { StackTree } from './stackTree';

export interface SearchResult {
  query: string;
  /** Per frame id, 1 when the frame matches. Ids beyond its length (frames added later) do not. */
  frameMatches: Uint8Array;
  matchedFrames: number;
  /** Nodes whose frame matches, ascending. */
  nodes: Int32Array;
  /** Primary weight of the samples with at least one matching frame (each sample counted once). */
  matchedWeight: number;
  /** matchedWeight / total weight, 0..1. */
  share: number;
  /** Diff trees: the same share in each series. */
  shareA?: number;
  shareB?: number;
  /** How the frames were matched: as text, or as a regex (see planSearch). */
  mode: SearchMode;
  /** Every way tried, in order (text, then regex, when text found nothing). */
  tried: SearchMode[];
  /** The query was, or looked like, a regex that does not compile: it was searched as text. */
  regexError?: string;
}

/**
 * Frames whose `name (file:line)` matches `query`, as text or as a regex (planSearch says
 * which is tried when). The share counts each sample once, however many matching frames its
 * stack holds (flamegraph.pl's "Matched: x %").
 */
export function searchTree(tree: StackTree, query: string): SearchResult {
  const a = tree.arrays();
  const { totalA, totalB } = tree.seriesArrays();
  const frameCount = tree.frames.size;
  const frameMatches = new Uint8Array(frameCount);
  const result: SearchResult = {
    query,
    frameMatches,
    matchedFrames: 0,
    nodes: new Int32Array(0),
    matchedWeight: 0,
    share: 0,
    mode: 'text',
    tried: [],
  };
  if (query.trim().length === 0) return result;
  const plan = planSearch(query);
  let matchedFrames = 0;
  for (const matcher of plan.matchers) {
    result.mode = matcher.mode;
    result.tried.push(matcher.mode);
    for (let id = 0; id < frameCount; id++) {
      if (matcher.test(tree.frames.label(id), tree.frames.lowerLabel(id))) {
        frameMatches[id] = 1;
        matchedFrames++;
      }
    }
    if (matchedFrames > 0) break;
  }
  // Bare text that happens not to compile ("f(x") and is found as text needs no warning.
  if (plan.regexError !== undefined && (plan.explicit || matchedFrames === 0))
    result.regexError = plan.regexError;
  result.matchedFrames = matchedFrames;
  if (matchedFrames === 0) return result;

  const covered = new Uint8Array(a.count);
  const nodes: number[] = [];
  let matched = 0;
  let matchedA = 0;
  let matchedB = 0;
  for (let n = 1; n < a.count; n++) {
    const p = a.parent[n] ?? 0;
    if ((covered[p] ?? 0) === 1) {
      covered[n] = 1;
      if (frameMatches[a.frame[n] ?? 0] === 1) nodes.push(n);
    } else if (frameMatches[a.frame[n] ?? 0] === 1) {
      covered[n] = 1;
      nodes.push(n);
      matched += a.total[n] ?? 0;
      matchedA += totalA[n] ?? 0;
      matchedB += totalB?.[n] ?? 0;
    }
  }
  result.nodes = Int32Array.from(nodes);
  result.matchedWeight = matched;
  const base = a.total[0] ?? 0;
  result.share = base > 0 ? matched / base : 0;
  if (tree.isDiff) {
    const totals = tree.seriesTotals;
    result.shareA = totals.a > 0 ? matchedA / totals.a : 0;
    result.shareB = totals.b > 0 ? matchedB / totals.b : 0;
  }
  return result;
}
