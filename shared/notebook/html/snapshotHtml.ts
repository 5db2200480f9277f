import { quotedOutput } from '../markdownReport';
import type { SnapshotOf } from '../reportInput';
import { flameHtml } from './flameHtml';
import { preText } from './htmlText';
import { parserOptionsOf, reparse, type ReportModel } from './reparse';
import { stacksHtml } from './stacksHtml';
import { straceHtml, straceSummaryHtml } from './straceHtml';
import { accessLogHtml, errorLogHtml, psHtml, ssHtml } from './tablesHtml';
import { topHtml } from './topHtml';

/** The view of a model, as static HTML/SVG. */
function viewHtml(m: ReportModel, pid: number | null): string {
  switch (m.parser) {
    case 'top':
      return topHtml(m.model, pid);
    case 'pyspy-dump':
    case 'gdb-pybt':
      return stacksHtml(m.model);
    case 'strace':
      return straceHtml(m.model);
    case 'strace-summary':
      return straceSummaryHtml(m.model);
    case 'nginx-access':
      return accessLogHtml(m.model);
    case 'nginx-error':
      return errorLogHtml(m.model);
    case 'ss':
      return ssHtml(m.model);
    case 'ps':
      return psHtml(m.model);
    case 'collapsed':
      return flameHtml(m.model);
    case 'text':
      return `<pre class="raw">${preText(m.model.lines.join('\n'))}</pre>`;
  }
}

const quoted = (raw: string): string =>
  `<details><summary>Raw output (the end of it)</summary><pre class="raw">${preText(quotedOutput(raw))}</pre></details>`;

/**
 * A snapshot's view rebuilt from its raw output, then the raw output itself. Full-screen tools
 * (interactive top, py-spy top) need a terminal emulator to read: their raw text is quoted.
 */
export function snapshotViewHtml(item: SnapshotOf, raw: string | undefined): string {
  if (raw === undefined) {
    return item.raw
      ? '<p class="none">Its raw output is missing from this export.</p>'
      : '<p class="none">No raw output was kept.</p>';
  }
  const model = reparse(item.capture.kind, raw, parserOptionsOf(item.view));
  if (!model) {
    return `<p class="none">This view is read from a terminal screen, which a report cannot replay: the raw output is quoted.</p><pre class="raw">${preText(quotedOutput(raw))}</pre>`;
  }
  // Pinned text is its own view: quoting it again below would only repeat it.
  const rawAgain = model.parser === 'text' ? '' : quoted(raw);
  return `<div class="view">${viewHtml(model, item.source.pid)}</div>${rawAgain}`;
}
