import type { NotebookItem } from '../../../shared/contract/index';
import { notebookActions } from './notebookActions';
import { connectionRecordText } from '../../../shared/connection/recordText';
import { clock, duration, eventAt, inTimeOrder } from '../../../shared/notebook/reportInput';

const KIND_LABEL = {
  snapshot: 'snapshot',
  finding: 'finding',
  action: 'action',
  recording: 'recording',
} as const;

function ItemLine({ item, readOnly }: { item: NotebookItem; readOnly: boolean }) {
  const time = clock(eventAt(item));
  return (
    <li className={`timeline-item ${item.type}`} data-item-id={item.id}>
      <span className="mono time" title={eventAt(item)}>
        {time}
      </span>
      <span className={`kind ${item.type}`}>{KIND_LABEL[item.type]}</span>
      {item.type === 'snapshot' && (
        <>
          <button
            type="button"
            className="link title"
            onClick={() => void notebookActions.showSnapshot(item)}
            title="Open this snapshot, its view rebuilt from what was saved"
          >
            {item.title}
          </button>
          <span
            className="quiet source"
            title={
              item.source.connection
                ? `Connected to ${connectionRecordText(item.source.connection)}`
                : undefined
            }
          >
            {item.source.host}
            {item.source.pid ? ` · PID ${item.source.pid}` : ''}
            {item.hostTime ? ` · host ${item.hostTime}` : ''}
          </span>
        </>
      )}
      {item.type === 'recording' && (
        <>
          <button
            type="button"
            className="link title"
            onClick={() => notebookActions.showRecording(item)}
            title="Replay this terminal, its pins marked on the time line"
          >
            {item.title}
          </button>
          <span className="quiet source">
            {item.host} · {duration(item.seconds)} · {(item.recording.bytes / 1e6).toFixed(1)} MB
          </span>
        </>
      )}
      {item.type === 'finding' && (
        <span className={`title severity-${item.severity}`}>
          {item.title}
          {item.text && <span className="quiet"> — {item.text}</span>}
        </span>
      )}
      {item.type === 'action' && (
        <label className="title">
          <input
            type="checkbox"
            checked={item.done}
            disabled={readOnly}
            onChange={(e) => void notebookActions.update({ ...item, done: e.target.checked })}
          />{' '}
          {item.text}
          {item.owner ? <span className="quiet"> ({item.owner})</span> : null}
        </label>
      )}
      {!readOnly && (
        <button
          type="button"
          className="link remove"
          aria-label={`Remove ${item.type}`}
          onClick={() => void notebookActions.remove(item.id)}
        >
          ×
        </button>
      )}
    </li>
  );
}

/** Every item of the investigation by when it happened, in local time (and the host's, if known). */
export function Timeline({
  items,
  readOnly,
}: {
  items: readonly NotebookItem[];
  readOnly: boolean;
}) {
  if (items.length === 0)
    return (
      <p className="quiet timeline-empty">
        Nothing pinned yet. <b>P</b> (or <b>Pin</b> above a view) keeps what a parsed view shows,
        with its raw output; findings and action items go here too.
      </p>
    );
  return (
    <ol className="timeline" aria-label="Timeline">
      {inTimeOrder(items).map((item) => (
        <ItemLine key={item.id} item={item} readOnly={readOnly} />
      ))}
    </ol>
  );
}
