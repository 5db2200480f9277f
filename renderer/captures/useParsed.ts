import type { ParserKind } from '../../shared/captures/captureKinds';
import { isParsedKind, type ParsedModel } from '../state/modelsSlice';
import { useAppStore } from '../state/store';

/** A parse stream's latest model if it is of `kind`, else null: views get their own model type. */
export function useParsed<K extends ParserKind>(streamId: string, kind: K): ParsedModel<K> | null {
  const parsed = useAppStore((s) => s.models[streamId]);
  return parsed && isParsedKind(parsed, kind) ? parsed : null;
}
