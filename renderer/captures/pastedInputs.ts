import type { ParserOptions } from '../../shared/captures/captureKinds';

/** What a pasted or opened stream was parsed from: a snapshot of it keeps the same text. */
export interface PastedInput {
  read(): Promise<string>;
  options: ParserOptions;
}

const inputs = new Map<string, PastedInput>();

export const pastedInputs = {
  keep: (streamId: string, input: PastedInput) => void inputs.set(streamId, input),
  of: (streamId: string): PastedInput | undefined => inputs.get(streamId),
  forget: (streamId: string) => void inputs.delete(streamId),
};
