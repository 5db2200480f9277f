import { preText } from './htmlText';

/**
 * The notes as the report shows them. For now escaped preformatted text; a Markdown renderer
 * with raw HTML disabled (markdown-it with `html: false`) can replace this one function.
 */
export function notesHtml(notes: string): string {
  return `<pre class="notes">${preText(notes, 2000)}</pre>`;
}
