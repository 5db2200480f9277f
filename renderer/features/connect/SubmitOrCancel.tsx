/** A prompt form's two buttons: submit (the default, on Enter) and Cancel. */
export function SubmitOrCancel({ label, onCancel }: { label: string; onCancel: () => void }) {
  return (
    <div className="buttons">
      <button type="submit" className="primary">
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
