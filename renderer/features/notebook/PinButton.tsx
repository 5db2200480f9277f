import { notebookActions } from './notebookActions';

/** Above every parsed view: keep what it shows now in the investigation (also the P key). */
export function PinButton() {
  return (
    <button
      type="button"
      className="link pin-button"
      title="Pin what this view shows to the investigation, with its raw output (P)"
      onClick={() => void notebookActions.pinActive()}
    >
      Pin (P)
    </button>
  );
}
