import type { CaptureParams } from '../../../shared/captures/recipes';
import type { Tab } from '../../state/tabsSlice';
import { ThreadTable } from '../threads/ThreadTable';

interface Props {
  tab: Tab & { capture: CaptureParams };
}

/** Picks the view for a capture's parsed model. */
export function ParsedView({ tab }: Props) {
  const params = tab.capture;
  switch (params.recipe) {
    case 'threads':
      return (
        <ThreadTable terminalId={tab.terminalId} connectionId={tab.connectionId} pid={params.pid} />
      );
    default:
      return (
        <p className="empty">
          No parsed view for this capture yet; the terminal shows everything the tool printed.
        </p>
      );
  }
}
