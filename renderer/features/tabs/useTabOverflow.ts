import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';

export interface TabOverflow {
  /** Tabs not wholly in view on each side of the strip. */
  before: number;
  after: number;
  /** Scrolls the strip most of its width towards one side. */
  scroll(direction: -1 | 1): void;
}

/**
 * Keeps the active tab in view in a strip that scrolls sideways (a new tab, Alt+N), and counts
 * the tabs hidden on each side so that the strip can say there are more.
 */
export function useTabOverflow(
  strip: RefObject<HTMLElement | null>,
  activeTabId: string | null,
  tabCount: number,
): TabOverflow {
  const [counts, setCounts] = useState({ before: 0, after: 0 });

  const measure = useCallback(() => {
    const element = strip.current;
    if (!element) return;
    const box = element.getBoundingClientRect();
    let before = 0;
    let after = 0;
    for (const tab of element.querySelectorAll('[data-tab-id]')) {
      const rect = tab.getBoundingClientRect();
      // One pixel of slack: borders and subpixel widths must not count a tab in view as hidden.
      if (rect.left < box.left - 1) before++;
      else if (rect.right > box.right + 1) after++;
    }
    setCounts((old) => (old.before === before && old.after === after ? old : { before, after }));
  }, [strip]);

  const active = useRef(activeTabId);
  active.current = activeTabId;
  const showActive = useCallback(() => {
    const element = strip.current;
    const id = active.current;
    if (!element || id === null) return;
    element
      .querySelector(`[data-tab-id="${CSS.escape(id)}"]`)
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    measure();
  }, [strip, measure]);

  /** The user scrolled the strip with a "more" button: a resize must not scroll it back. */
  const userScrolled = useRef(false);
  useLayoutEffect(() => {
    userScrolled.current = false;
    showActive();
  }, [activeTabId, tabCount, showActive]);

  useEffect(() => {
    const element = strip.current;
    if (!element) return;
    // The strip narrows when a "more" button appears: the active tab must stay in view.
    const observer = new ResizeObserver(() => (userScrolled.current ? measure() : showActive()));
    observer.observe(element);
    element.addEventListener('scroll', measure, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', measure);
    };
  }, [strip, measure, showActive]);

  const scroll = useCallback(
    (direction: -1 | 1) => {
      const element = strip.current;
      if (!element) return;
      userScrolled.current = true;
      element.scrollBy({ left: direction * element.clientWidth * 0.8 });
    },
    [strip],
  );
  return { ...counts, scroll };
}
