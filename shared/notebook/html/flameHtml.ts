import { StackTree } from '../../flame/stackTree';
import { topFunctions } from '../../flame/topFunctions';
import type { StackFrame, StackSamples } from '../../parsers/collapsed/index';
import { fixed, table, text } from './htmlText';

/** The icicle's size: narrow frames (under MIN_WIDTH px) and deep ones are left out, and said so. */
const WIDTH = 1000;
const ROW = 17;
const MAX_DEPTH = 40;
const MIN_WIDTH = 3;
/** Characters that fit in a frame's label, about 6.5 px each at the icicle's font size. */
const CHAR_PX = 6.5;

interface Node {
  frame: number;
  weight: number;
  children: Map<number, Node>;
}

function buildTrie(samples: StackSamples): Node {
  const root: Node = { frame: -1, weight: 0, children: new Map() };
  for (const stack of samples.stacks) {
    root.weight += stack.weight;
    let node = root;
    for (const id of stack.frameIds.slice(0, MAX_DEPTH)) {
      let child = node.children.get(id);
      if (!child) {
        child = { frame: id, weight: 0, children: new Map() };
        node.children.set(id, child);
      }
      child.weight += stack.weight;
      node = child;
    }
  }
  return root;
}

const frameName = (f: StackFrame | undefined): string =>
  f ? `${f.name}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}` : '?';

/** Root at the top, callees below, each frame as wide as its share of the samples. */
function icicle(samples: StackSamples): string {
  const root = buildTrie(samples);
  if (root.weight <= 0) return '<p class="none">No stacks were read.</p>';
  const rects: string[] = [];
  let hidden = 0;
  let depth = 0;
  const walk = (node: Node, x: number, level: number): void => {
    let at = x;
    const children = [...node.children.values()].sort((a, b) => b.weight - a.weight);
    for (const child of children) {
      const w = (child.weight / root.weight) * WIDTH;
      if (w < MIN_WIDTH) {
        hidden++;
        continue;
      }
      const name = frameName(samples.frames[child.frame]);
      const share = (100 * child.weight) / root.weight;
      const chars = Math.floor((w - 4) / CHAR_PX);
      const label = chars >= 3 ? (name.length > chars ? `${name.slice(0, chars - 1)}…` : name) : '';
      const y = level * ROW;
      depth = Math.max(depth, level + 1);
      rects.push(
        `<g><title>${text(`${name} — ${child.weight} samples, ${share.toFixed(1)}%`)}</title><rect x="${at.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW - 1}" fill="hsl(${((child.frame * 47) % 50) + 10}, 70%, ${72 - Math.min(level, 20)}%)"></rect>${label ? `<text x="${(at + 3).toFixed(1)}" y="${y + ROW - 5}">${text(label)}</text>` : ''}</g>`,
      );
      walk(child, at, level + 1);
      at += w;
    }
  };
  walk(root, 0, 0);
  const height = Math.max(depth, 1) * ROW;
  return `<svg class="icicle" role="img" aria-label="flame graph, root at the top" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">${rects.join('')}</svg>${
    hidden > 0
      ? `<p class="more">${text(`${hidden} frames narrower than ${(100 * MIN_WIDTH) / WIDTH}% left out of the graph${depth >= MAX_DEPTH ? `; stacks cut at depth ${MAX_DEPTH}` : ''}.`)}</p>`
      : ''
  }`;
}

/** A flame graph as an SVG icicle of its heaviest paths, then its top functions by self time. */
export function flameHtml(samples: StackSamples): string {
  const reading = `${samples.totalWeight} samples in ${samples.stacks.length} distinct stacks`;
  const rows =
    samples.stacks.length > 0
      ? topFunctions(StackTree.fromSamples(samples), { by: 'function', sortBy: 'self', limit: 30 })
      : [];
  return [
    `<p class="reading">${text(reading)}</p>`,
    icicle(samples),
    table(
      'Top functions by self samples',
      [
        { title: 'function', cell: (r) => frameName(r) },
        { title: 'self', cell: (r) => r.self, numeric: true },
        { title: 'self %', cell: (r) => fixed(100 * r.selfShare), numeric: true },
        { title: 'total %', cell: (r) => fixed(100 * r.totalShare), numeric: true },
      ],
      rows.filter((r) => r.self > 0),
      { maxRows: 30 },
    ),
  ].join('\n');
}
