import { parseStraceText } from '../../../shared/parsers/strace/index';
import { describe, expect, it } from 'vitest';
import { StackTree } from '../../../shared/flame/stackTree';
import { parseCollapsed } from '../../../shared/parsers/collapsed/index';
import { PyDumpTextParser } from '../../../shared/parsers/pyspy/index';
import { listFlameSources } from '../../../renderer/features/compare/flameSources';
import type { ParsedModel } from '../../../renderer/state/modelsSlice';
import type { Tab } from '../../../renderer/state/tabsSlice';
import { readSharedFixture } from '../fixturePath';

const tab = (terminalId: string, title: string, extra: Partial<Tab> = {}): Tab => ({
  terminalId,
  connectionId: 'c1',
  title,
  startedAt: Date.UTC(2026, 10, 23, 10, 0, 0),
  ...extra,
});
const flame = (text: string): ParsedModel => ({
  parser: 'collapsed',
  model: {
    progress: { phase: 'built', chars: text.length, lines: 1 },
    tree: StackTree.fromSamples(parseCollapsed(text).samples),
    stacks: 1,
  },
  unparsedLines: 0,
  overlongLines: 0,
});

describe('listFlameSources', () => {
  it('lists recordings with samples and dumps, by their stream, and nothing else', () => {
    const dumps = new PyDumpTextParser();
    dumps.push(readSharedFixture('pyspy-dump-uvicorn-to-thread.txt'));
    dumps.end();
    const tabs = [
      tab('t1', 'record 3s · python3 42'),
      tab('t2', 'pasted collapsed stacks #1'),
      tab('t3', 'shell', {
        recognised: { parser: 'pyspy-dump', label: 'py-spy dump', streamId: 's3', screen: false },
      }),
      tab('t4', 'strace'),
      tab('t5', 'record 2s · python3 42'),
    ];
    const models: Record<string, ParsedModel> = {
      t1: flame('main;work 10\n'),
      t2: flame(''),
      s3: {
        parser: 'pyspy-dump',
        model: dumps.snapshot(),
        unparsedLines: 0,
        overlongLines: 0,
      },
      t4: { parser: 'strace', model: parseStraceText(''), unparsedLines: 0, overlongLines: 0 },
    };
    const sources = listFlameSources(tabs, models);
    expect(sources.map((s) => s.id)).toEqual(['t1', 's3']);
    expect(sources[0]?.label).toMatch(/^record 3s · python3 42 · /);
    expect(sources[0]?.tree()?.totalWeight).toBe(10);
    expect(sources[1]?.label).toMatch(/^py-spy dump · .* \(1 dump\)$/);
    const dumpTree = sources[1]?.tree();
    expect(dumpTree?.totalWeight).toBeGreaterThan(0);
    // Built once per model, then the same tree.
    expect(sources[1]?.tree()).toBe(dumpTree);
  });
});
