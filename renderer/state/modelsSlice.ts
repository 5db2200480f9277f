import type { StateCreator } from 'zustand';
import type { ParserKind } from '../../shared/captures/recipes';
import type { AppState } from './store';

export interface ParsedModel {
  parser: ParserKind;
  model: unknown;
  unparsedLines: number;
  /** Of those, lines too long to keep, dropped unread. */
  overlongLines: number;
  updates: number;
}

/** The latest model of every non-top parsed stream, by terminal id. */
export interface ModelsSlice {
  models: Record<string, ParsedModel>;
  modelParsed(
    streamId: string,
    parser: ParserKind,
    model: unknown,
    unparsedLines: number,
    overlongLines?: number,
  ): void;
}

export const createModelsSlice: StateCreator<AppState, [], [], ModelsSlice> = (set) => ({
  models: {},
  modelParsed: (streamId, parser, model, unparsedLines, overlongLines = 0) =>
    set((s) => ({
      models: {
        ...s.models,
        [streamId]: {
          parser,
          model,
          unparsedLines,
          overlongLines,
          updates: (s.models[streamId]?.updates ?? 0) + 1,
        },
      },
    })),
});
