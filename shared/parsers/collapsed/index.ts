export type { StackFrame, StackSamples, WeightedStack } from './stackSamples';
export { StackSamplesBuilder, emptyStackSamples } from './stackSamples';
export {
  CollapsedStackParser,
  frameFromText,
  frameToText,
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
