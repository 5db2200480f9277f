export type {
  SsAddress,
  SsCount,
  SsListener,
  SsModel,
  SsProcess,
  SsProcessSockets,
  SsSocket,
} from './ssModel';
export {
  SsStreamParser,
  parseSsText,
  MAX_SS_SOCKETS,
  MAX_SS_KEYS,
  type SsParserOptions,
} from './ssParser';
export { parseSsAddress } from './ssLine';
