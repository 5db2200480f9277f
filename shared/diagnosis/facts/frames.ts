/**
 * Frame identity and the first Python frame, for the facts, the rules and the stacks view alike:
 * equal keys are the same place in the code.
 */
import type { PyFrame } from '../../parsers/pyspy/dumpModel';

type FramePlace = Pick<PyFrame, 'function' | 'file' | 'line'>;

/** Function, file and line: two frames with equal keys are at the same line. */
export const frameKey = (f: FramePlace): string =>
  `${f.function}\u0000${f.file}\u0000${f.line ?? ''}`;

/** Function and file, any line: threads with equal keys run the same code. */
export const functionKey = (f: Pick<PyFrame, 'function' | 'file'>): string =>
  `${f.function}\u0000${f.file}`;

/** Index of the first Python (not native) frame, or -1. */
export const firstPythonFrame = (frames: readonly PyFrame[]): number =>
  frames.findIndex((f) => f.native !== true);

/** The first Python (not native) frame: where the Python code is. */
export const pythonLeaf = (frames: readonly PyFrame[]): PyFrame | undefined =>
  frames[firstPythonFrame(frames)];

/**
 * A file of the interpreter's library or of an installed package, by its whole path (py-spy
 * --full-filenames, gdb): whatever the server or framework, its code lives there; the app's does
 * not. py-spy's shortened paths (`httpx/_client.py`, `app.py`) cannot tell, so they decide nothing.
 */
const LIBRARY_PATH =
  /[\\/](?:site-packages|dist-packages|lib-python)[\\/]|[\\/]lib(?:64)?[\\/]python\d+(?:\.\d+)?t?[\\/]|^[A-Za-z]:\\.*\\Lib\\/;
export const isWholePath = (file: string): boolean => /^(?:\/|[A-Za-z]:\\)/.test(file);
/** The application's own file: a whole path outside the library folders. */
export const isAppFile = (file: string): boolean => isWholePath(file) && !LIBRARY_PATH.test(file);
