import { markdown } from '@codemirror/lang-markdown';
import { EditorState } from '@codemirror/state';
import { basicSetup, EditorView } from 'codemirror';
import { useEffect, useRef } from 'react';
import { notesAutosave } from './notesAutosave';

/**
 * The investigation's Markdown notes in CodeMirror 6, which edits the text exactly as typed.
 * Each change hands the editor's document to the autosave; nothing goes through React state.
 */
export function NotesEditor({
  investigationId,
  readOnly,
}: {
  investigationId: string;
  readOnly: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: notesAutosave.text(),
        extensions: [
          basicSetup,
          markdown(),
          EditorView.lineWrapping,
          EditorState.readOnly.of(readOnly),
          EditorView.editable.of(!readOnly),
          EditorView.contentAttributes.of({ 'aria-label': 'Notes (Markdown)' }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const doc = update.state.doc;
            notesAutosave.changed(() => doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
  }, [investigationId, readOnly]);
  return <div className="notes-editor" ref={host} />;
}
