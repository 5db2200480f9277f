import { recogniseCommand, redrawsScreen } from '../../shared/parsers/recognise';
import { useAppStore } from '../state/store';
import { parseStreams } from './parseStreams';
import { feedOf } from './terminalFeeds';

let recognitions = 0;

/**
 * A command line typed in a shell tab: when it runs one of the incident tools, its output from
 * then on is parsed too (a stream of its own), and the tab shows the parsed view beside the shell.
 */
export function commandTyped(terminalId: string, line: string): void {
  const found = recogniseCommand(line);
  const feed = feedOf(terminalId);
  if (!found || !feed) return;
  // Interactive top and py-spy top redraw the screen: their screen is what gets parsed.
  const screen = redrawsScreen(found, line);
  const streamId = `${terminalId}-r${++recognitions}`;
  parseStreams.open(streamId, found.parser, screen ? { screen: true } : undefined);
  feed.routeTo(streamId);
  useAppStore.getState().commandRecognised(terminalId, { ...found, streamId, screen });
}

/** Stops parsing what the shell tab prints; the parsed view closes. */
export function stopRecognising(terminalId: string): void {
  feedOf(terminalId)?.routeTo(null);
  useAppStore.getState().commandRecognised(terminalId, null);
  useAppStore.getState().terminalHiddenSet(terminalId, false);
}
