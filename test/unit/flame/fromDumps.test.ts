import { describe, expect, it } from 'vitest';
import { dumpsToSamples } from '../../../shared/flame/fromDumps';
import { parsePySpyDumpText } from '../../../shared/parsers/pyspy/index';
import { readSharedFixture } from '../fixturePath';

describe('dumpsToSamples', () => {
  it('turns each busy thread of each dump into one root-first sample', () => {
    const { model } = parsePySpyDumpText(readSharedFixture('pyspy-dump-uvicorn-to-thread.txt'));
    const dump = model.dumps[0];
    if (!dump) throw new Error('no dump');
    const busy = dump.threads.filter((t) => !t.idle && t.frames.length > 0).length;
    const once = dumpsToSamples([dump]);
    expect(once.totalWeight).toBe(busy);
    const twice = dumpsToSamples([dump, dump]);
    expect(twice.totalWeight).toBe(2 * busy);
    expect(twice.stacks.length).toBe(once.stacks.length);
    // Root first: the outermost frame of a pool thread is threading's _bootstrap.
    const first = twice.stacks[0];
    expect(twice.frames[first?.frameIds[0] ?? -1]?.name).toBe('_bootstrap');
    expect(dumpsToSamples([dump], { includeIdle: true }).totalWeight).toBe(
      dump.threads.filter((t) => t.frames.length > 0).length,
    );
  });
});
