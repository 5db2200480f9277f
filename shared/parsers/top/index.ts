export type { TopCpu, TopFrame, TopLoad, TopRow, TopSummary } from './topModel';
export { TopStreamParser, parseTopText, MAX_LINE, MAX_ROWS_PER_FRAME } from './topParser';
export { parseTopTime, parseSizeKiB, parseLocaleNumber } from './topValues';
