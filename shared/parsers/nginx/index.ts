export type {
  AccessLogModel,
  LatencySummary,
  SlowCount,
  SlowRequest,
  StatusBucket,
  StatusCount,
  UpstreamSummary,
} from './accessLogModel';
export {
  NginxAccessLogParser,
  parseAccessLogText,
  SLOW_THRESHOLDS,
  MAX_UPSTREAMS,
  type AccessLogOptions,
} from './accessLogParser';
export {
  NginxErrorLogParser,
  parseErrorLogText,
  parseErrorLine,
  errorKind,
  MAX_KINDS,
  type ErrorKindCount,
  type ErrorLogModel,
  type ErrorLogOptions,
  type ErrorUpstreamCount,
  type NginxErrorEntry,
} from './errorLogParser';
export {
  COMBINED_FORMAT,
  compileLogFormat,
  unwrapLogFormatDirective,
  isUpstreamListVariable,
  type CompiledLogFormat,
  type LogFields,
  type LogFormatOptions,
} from './logFormat';
export { LatencyHistogram } from './latencyHistogram';
export {
  parseTimeLocal,
  requestEpochSeconds,
  splitUpstreamList,
  parseSeconds,
  upstreamAddressOfUrl,
  statusClass,
} from './nginxValues';
