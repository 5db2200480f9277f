import { actions } from '../../state/actions';
import type { Tab } from '../../state/tabsSlice';

/**
 * A tab whose connection dropped: what the terminal's marker says, and for a capture that the
 * connection came back without, the one action that runs it again here.
 */
export function LinkBanner({ tab }: { tab: Tab & { link: NonNullable<Tab['link']> } }) {
  return (
    <div className="link-banner" role="status" aria-label="Connection of this tab">
      <span>
        {tab.link.state === 'interrupted' ? 'Interrupted. ' : ''}
        {tab.link.message}
      </span>
      {tab.link.state === 'interrupted' && (
        <button
          type="button"
          className="primary"
          title="Run the same command again in this tab (Ctrl+Shift+K)"
          onClick={() => void actions.restartCapture(tab.terminalId)}
        >
          Restart capture
        </button>
      )}
    </div>
  );
}
