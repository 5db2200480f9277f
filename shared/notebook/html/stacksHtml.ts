import { describeFrame, groupThreadsByStack, summarizeDump } from '../../insights/stacks';
import type { PyDumpModel } from '../../parsers/pyspy/index';
import { text } from './htmlText';

/** Groups shown per dump, and frames per group: the rest are counted. */
const MAX_GROUPS = 30;
const MAX_FRAMES = 40;
const MAX_THREAD_NAMES = 12;

/**
 * A Python thread dump (py-spy dump, gdb py-bt) as the stacks view reads it: its readings, then
 * threads grouped by identical stacks, biggest group first, idle groups last.
 */
export function stacksHtml(model: PyDumpModel): string {
  const notes = [...model.errors.map((e) => `error: ${e}`), ...model.warnings]
    .slice(0, 10)
    .map((n) => `<li>${text(n)}</li>`)
    .join('');
  const dumps = model.dumps.slice(-3);
  const parts = dumps.map((dump) => {
    const readings = summarizeDump(dump)
      .map(
        (f) =>
          `<li>${text(f.text)}${f.evidence.length ? ` <span class="evidence">(${text(f.evidence.slice(0, 5).join(', '))})</span>` : ''}</li>`,
      )
      .join('');
    const groups = groupThreadsByStack(dump);
    const shown = groups.slice(0, MAX_GROUPS).map((g) => {
      const names = g.threads
        .slice(0, MAX_THREAD_NAMES)
        .map((t) => `${t.name ?? 'thread'} ${t.threadId}`)
        .join(', ');
      const moreNames =
        g.threads.length > MAX_THREAD_NAMES
          ? `, … ${g.threads.length - MAX_THREAD_NAMES} more`
          : '';
      const state = [g.idle ? 'idle' : 'active', g.hasGil ? 'holds the GIL' : null]
        .filter(Boolean)
        .join(', ');
      const frames = g.frames
        .slice(0, MAX_FRAMES)
        .map((f) => `<li>${text(describeFrame(f))}</li>`)
        .join('');
      const moreFrames =
        g.frames.length > MAX_FRAMES
          ? `<li>… ${g.frames.length - MAX_FRAMES} more frames</li>`
          : '';
      return `<div class="stack-group${g.idle ? ' idle' : ''}"><h5>${text(`${g.threads.length} thread${g.threads.length === 1 ? '' : 's'} · ${state}`)}</h5><p class="threads">${text(names + moreNames, 2000)}</p><ol class="frames">${frames || '<li>(no frames)</li>'}${moreFrames}</ol></div>`;
    });
    const moreGroups =
      groups.length > MAX_GROUPS
        ? `<p class="more">… ${groups.length - MAX_GROUPS} more stack groups left out of this report.</p>`
        : '';
    const title = `Process ${dump.pid}${dump.command ? `: ${dump.command}` : ''} · ${dump.threads.length} threads in ${groups.length} stacks`;
    return `<h4>${text(title)}</h4>${readings ? `<ul class="readings">${readings}</ul>` : ''}${shown.join('\n')}${moreGroups}`;
  });
  const earlier = model.dumps.length - dumps.length;
  return [
    notes ? `<ul class="notes">${notes}</ul>` : '',
    earlier > 0
      ? `<p class="more">${earlier} earlier dumps left out; the last ${dumps.length} are shown.</p>`
      : '',
    parts.length > 0 ? parts.join('\n') : '<p class="none">No thread dump was read.</p>',
  ].join('\n');
}
