import { useEffect, useId, useRef, type ReactNode } from 'react';
import {
  Group,
  Panel,
  Separator,
  useGroupRef,
  usePanelRef,
  type Layout,
  type LayoutChangedMeta,
} from 'react-resizable-panels';
import { rememberedStartPercent, rememberStartPercent } from './splitMemory';

interface Props {
  /** Names the remembered sizes: every split with the same name shares them across tabs and runs. */
  layoutName: string;
  /** What the handle resizes, for screen readers and the tooltip. */
  label: string;
  start: ReactNode;
  /** null: the start pane alone, full width (it is not remounted when the end pane comes). */
  end: ReactNode | null;
  /** The start pane's share (percent) until the user drags the handle. */
  startDefaultPercent: number;
  /** Pixels: neither pane can be dragged narrower, and a pane that appears opens at least this wide. */
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
 * keys; Home/End go to the limits. The share the user gave the start pane is remembered under
 * `layoutName`; each split has its own DOM ids, since the library finds groups and panels by id
 * and a second tab with the same ids took over the first one's handle.
 */
export function ResizableSplit({
  layoutName,
  label,
  start,
  end,
  startDefaultPercent,
  startMin,
  endMin,
  startHidden = false,
  onStartHiddenChange,
  className,
}: Props) {
  const groupId = `split-${useId().replace(/[^\w-]/g, '')}`;
  const startId = `${groupId}-start`;
  const endId = `${groupId}-end`;
  const group = useGroupRef();
  const startPanel = usePanelRef();
  const hasEnd = end !== null;
  const hidden = startHidden && hasEnd;
  const layoutFor = (withEnd: boolean): Layout => {
    if (!withEnd) return { [startId]: 100 };
    const share = rememberedStartPercent(layoutName) ?? startDefaultPercent;
    return { [startId]: share, [endId]: 100 - share };
  };
  const initialLayout = useRef(layoutFor(hasEnd)).current;
  // A pane that appears after mount gets the remembered share, not whatever is left over.
  const endShare = 100 - (layoutFor(true)[startId] ?? startDefaultPercent);

  useEffect(() => {
    const panel = startPanel.current;
    if (!panel || panel.isCollapsed() === hidden) return;
    if (hidden) panel.collapse();
    else panel.expand();
  }, [hidden, startPanel]);

  const onLayoutChanged = (layout: Layout, meta: LayoutChangedMeta) => {
    const share = layout[startId];
    if (!meta.isUserInteraction || !hasEnd || share === undefined) return;
    if (!startPanel.current?.isCollapsed()) rememberStartPercent(layoutName, share);
  };

  return (
    <Group
      id={groupId}
      groupRef={group}
      orientation="horizontal"
      className={className}
      defaultLayout={initialLayout}
      onLayoutChanged={onLayoutChanged}
    >
      <Panel
        id={startId}
        panelRef={startPanel}
        minSize={startMin}
        collapsible
        collapsedSize={0}
        onResize={() => {
          // Collapsed, not zero pixels wide: a tab in the background has no width at all.
          const collapsed = startPanel.current?.isCollapsed() ?? hidden;
          if (hasEnd && collapsed !== hidden) onStartHiddenChange?.(collapsed);
        }}
      >
        {start}
      </Panel>
      {hasEnd && (
        <Separator
          className="split-handle"
          aria-label={label}
          title={`${label} (drag, or arrow keys)`}
        />
      )}
      {hasEnd && (
        <Panel id={endId} minSize={endMin} defaultSize={`${endShare}%`}>
          {end}
        </Panel>
      )}
    </Group>
  );
}
