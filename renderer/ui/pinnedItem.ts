import { createContext, useContext } from 'react';

/**
 * The notebook item a view shows, when it shows a pinned snapshot rather than a live capture: its
 * exports then go through the notebook's redaction preview, like everything that leaves it.
 */
export const PinnedItem = createContext<string | null>(null);

export const usePinnedItem = (): string | null => useContext(PinnedItem);
