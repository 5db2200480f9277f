export type { FlatStackSamples, StackFrame, StackSamples, WeightedStack } from './stackSamples';
export type { FlatStackList } from './flatStacks';
export { StackSamplesBuilder, emptyStackSamples } from './stackSamples';
export {
  CollapsedStackParser,
  frameFromText,
  frameToText,
  modeOfHead,
  parseCollapsed,
  toCollapsed,
} from './collapsedParser';
export type {
  ImportedProfile,
  SpeedscopeFile,
  SpeedscopeFrame,
  SpeedscopeImport,
  SpeedscopeSampledProfile,
  SpeedscopeUnit,
} from './speedscope';
export { SPEEDSCOPE_SCHEMA, fromSpeedscope, mergeProfiles, toSpeedscope } from './speedscope';
export type { CollapsedMode, CollapsedPart, CollapsedPartsTarget } from './collapsedParts';
export {
  CUT_SEARCH_BYTES,
  PARALLEL_MIN_BYTES,
  lineStartAfter,
  nominalCuts,
  partBuffers,
  partRanges,
} from './collapsedParts';
