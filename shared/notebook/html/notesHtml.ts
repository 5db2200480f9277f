import MarkdownIt from 'markdown-it';
import { controlsShown } from './htmlText';

/**
 * The notes as the report shows them: Markdown rendered by markdown-it (CommonMark), with raw
 * HTML off, so a `<script>` typed in the notes is shown as text, never run. markdown-it's own
 * link check refuses `javascript:`, `vbscript:`, `file:` and most `data:` URLs; images are drawn
 * as their alt text, since a self-contained report must not fetch anything when it is opened.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });
markdown.renderer.rules.image = (tokens, index) =>
  `<span class="image-alt">[image: ${markdown.utils.escapeHtml(tokens[index]?.content ?? '')}]</span>`;
// The notes sit under the report's own "Notes" heading (h2): their headings go below it.
const demote = (tag: string) => `h${Math.min(6, Number(tag.slice(1)) + 2)}`;
markdown.renderer.rules.heading_open = (tokens, index, options, _env, self) => {
  const token = tokens[index];
  if (token) token.tag = demote(token.tag);
  return self.renderToken(tokens, index, options);
};
markdown.renderer.rules.heading_close = markdown.renderer.rules.heading_open;
// Links open nothing on their own: a reader sees where one goes before following it.
markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  tokens[index]?.attrSet('rel', 'noreferrer noopener');
  return self.renderToken(tokens, index, options);
};

/** A notes line longer than this is clipped: a pasted megabyte stays out of the report. */
const MAX_LINE_CHARS = 2000;

/** Control characters shown as `^X` (C1 and lone surrogates as U+FFFD), tabs as spaces, long lines clipped. */
function visible(notes: string): string {
  return notes
    .split('\n')
    .map((line) => {
      const clipped = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
      // Leading tabs keep Markdown's indentation; the others become spaces.
      const indented = clipped.replace(/^[ \t]+/, (space) => space.replace(/\t/g, '    '));
      return controlsShown(indented);
    })
    .join('\n');
}

export function notesHtml(notes: string): string {
  return `<div class="notes">${markdown.render(visible(notes))}</div>`;
}
