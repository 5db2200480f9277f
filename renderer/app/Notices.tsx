import { useAppStore } from '../state/store';

export function Notices() {
  const notices = useAppStore((s) => s.notices);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.level}`}
          role={n.level === 'error' ? 'alert' : 'status'}
        >
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              className="primary"
              onClick={() => {
                n.action?.run();
                useAppStore.getState().noticeDismissed(n.id);
              }}
            >
              {n.action.label}
            </button>
          )}
          <button
            type="button"
            className="link"
            aria-label="Dismiss"
            onClick={() => useAppStore.getState().noticeDismissed(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
