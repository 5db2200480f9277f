export type { PyDumpModel, PyFrame, PyLocal, PyProcessDump, PyThread } from './dumpModel';
export { MAX_DUMPS, MAX_MESSAGES, emptyDumpModel } from './dumpModel';
export { PyDumpTextParser, parsePySpyDumpText } from './dumpTextParser';
export { PyDumpJsonParser, parsePySpyDumpJson, MAX_JSON_VALUE } from './dumpJsonParser';
export type { PySpyTopModel, PySpyTopRow } from './topScreenParser';
export { parsePySpyTopScreen } from './topScreenParser';
export type { FrameParts } from './frameText';
export { frameText, looksIdle, looksNative, splitFrameText } from './frameText';
export { MAX_LINE, cleanLine } from '../lineSplitter';
