import { useEffect, type ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef } from 'react-resizable-panels';

interface Props {
  /** Names the saved layout: every split with the same id shares its sizes across tabs and runs. */
  id: string;
  /** What the handle resizes, for screen readers and the tooltip. */
  label: string;
  start: ReactNode;
  /** null: the start pane alone, full width (it is not remounted when the end pane comes). */
  end: ReactNode | null;
  /** The start pane's first size, before the user drags (a percentage string or pixels). */
  startDefault: string | number;
  startMin: number;
  endMin: number;
  /** The start pane folded to nothing (it stays mounted: a terminal keeps its screen). */
  startHidden?: boolean;
  /** Called when a drag folds the start pane away or brings it back. */
  onStartHiddenChange?: (hidden: boolean) => void;
  className?: string;
}

/**
 * Two panes side by side with a handle between them: drag it, or focus it (Tab) and use the arrow
 * keys; Home/End go to the limits. Sizes are kept in localStorage under `id`.
 */
export function ResizableSplit({
  id,
  label,
  start,
  end,
  startDefault,
  startMin,
  endMin,
  startHidden = false,
  onStartHiddenChange,
  className,
}: Props) {
  const saved = useDefaultLayout({
    id,
    storage: localStorage,
    onlySaveAfterUserInteractions: true,
  });
  const startPanel = usePanelRef();
  useEffect(() => {
    const panel = startPanel.current;
    if (!panel || panel.isCollapsed() === startHidden) return;
    if (startHidden) panel.collapse();
    else panel.expand();
  }, [startHidden, startPanel]);
  return (
    <Group
      id={id}
      orientation="horizontal"
      className={className}
      defaultLayout={saved.defaultLayout}
      onLayoutChanged={saved.onLayoutChanged}
    >
      <Panel
        id="start"
        panelRef={startPanel}
        defaultSize={startDefault}
        minSize={startMin}
        collapsible
        collapsedSize={0}
        onResize={() => {
          // Collapsed, not zero pixels wide: a tab in the background has no width at all.
          const hidden = startPanel.current?.isCollapsed() ?? startHidden;
          if (hidden !== startHidden) onStartHiddenChange?.(hidden);
        }}
      >
        {start}
      </Panel>
      {end !== null && (
        <Separator
          className="split-handle"
          aria-label={label}
          title={`${label} (drag, or arrow keys)`}
        />
      )}
      {end !== null && (
        <Panel id="end" minSize={endMin}>
          {end}
        </Panel>
      )}
    </Group>
  );
}
