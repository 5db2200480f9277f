import { useState } from 'react';
import { notebookActions } from './notebookActions';

/** One line to add a finding ("! text") or an action item ("text"), Enter to add. */
export function QuickAdd() {
  const [text, setText] = useState('');
  const add = async () => {
    const value = text.trim();
    if (!value) return;
    // Cleared at once, not after the save: text typed while it is saved is the next item, and a
    // second Enter does not add this one twice. A failed save puts it back if the field is empty.
    setText('');
    const now = new Date().toISOString();
    const saved = value.startsWith('!')
      ? await notebookActions.add({
          type: 'finding',
          title: value.slice(1).trim() || 'Finding',
          text: '',
          severity: 'warning',
          eventAt: now,
          createdAt: now,
          evidence: [],
        })
      : await notebookActions.add({
          type: 'action',
          text: value,
          owner: null,
          done: false,
          createdAt: now,
        });
    if (!saved) setText((current) => (current === '' ? text : current));
  };
  return (
    <input
      className="quick-add"
      aria-label="Add an action item, or a finding starting with !"
      placeholder="Action item…   (! for a finding, Enter to add)"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') void add();
      }}
    />
  );
}
