import { useVirtualizer } from '@tanstack/react-virtual';
import type { RefObject } from 'react';

/** Dense table rows: 12 px monospace plus padding. */
export const ROW_HEIGHT_PX = 21;

/**
 * Only the rows in view (plus a margin) are rendered; spacer rows above and below keep the
 * scrollbar true. A top -H of a 2 000-thread JVM or a ps of a busy host stays smooth.
 */
export function useVirtualRows(scroller: RefObject<HTMLElement | null>, count: number) {
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    padTop: first ? first.start : 0,
    padBottom: last ? virtualizer.getTotalSize() - last.end : 0,
    scrollToIndex: (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
  };
}
