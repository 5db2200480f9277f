export type * from './straceModel';
export { STRACE_RECENT_SHOWN } from './straceModel';
export { parseStraceLine, parseStraceLineEvents } from './straceLine';
export { parseStraceMessage } from './straceMessage';
export { StraceParser, parseStraceText } from './straceParser';
/** Longest raw line kept; longer ones are dropped and counted as not understood. */
export { MAX_LINE } from '../lineSplitter';
export {
  StraceSummaryParser,
  StraceSummaryReader,
  parseStraceSummary,
} from './straceSummaryParser';
export { SequenceDetector, type SequenceDetectorOptions } from './sequenceDetector';
export { LIMITS, callText } from './straceStats';
export { extractPath, parseResult } from './straceArgs';
export { decodeUtf8, readCString } from './straceText';
export {
  benignFailure,
  ERRNO_HINTS,
  LOCKISH_CALLS,
  SERIOUS_ERRNOS,
  SLEEP_CALLS,
  SYSCALL_MEANING,
} from './syscallNotes';
export {
  ROUTINE_RESULTS,
  errorsMayBeRoutine,
  failuresBySyscall,
  isFailure,
  routineResult,
  type RoutineResult,
} from './syscallResults';
