import type { StateCreator } from 'zustand';
import type { ModelOf, ParserKind } from '../../shared/captures/captureKinds';
import type { AppState } from './store';

/** A parse stream's latest model, typed by its kind (narrow on `parser`). */
export type ParsedModel<K extends ParserKind = ParserKind> = {
  [P in K]: {
    parser: P;
    model: ModelOf<P>;
    unparsedLines: number;
    /** Of those, lines too long to keep, dropped unread. */
    overlongLines: number;
  };
}[K];

/** Whether a parsed model is of one kind (the registry fixes each kind's model type). */
export const isParsedKind = <K extends ParserKind>(
  parsed: ParsedModel | ParsedModel<K>,
  kind: K,
): parsed is ParsedModel<K> => parsed.parser === kind;

/** The latest model of every parse stream, by stream id. */
export interface ModelsSlice {
  models: Record<string, ParsedModel>;
  modelParsed(streamId: string, parsed: ParsedModel): void;
}

export const createModelsSlice: StateCreator<AppState, [], [], ModelsSlice> = (set) => ({
  models: {},
  modelParsed: (streamId, parsed) => set((s) => ({ models: { ...s.models, [streamId]: parsed } })),
});
