import type { ExportKind } from '../../shared/notebook/exportFormats';
import type { ReportInput } from '../../shared/notebook/reportInput';
import type { RedactionContext, RedactionOptions, RedactionPlan } from '../../shared/redaction';

/** Messages between the UI thread and the export worker (redaction scans and report writing). */
export type ExportRequest =
  | {
      type: 'plan';
      requestId: number;
      input: ReportInput;
      options: RedactionOptions;
      context: RedactionContext;
      /** For a file of one item: count each value in that item's texts only. */
      itemId?: string;
    }
  | {
      type: 'make';
      requestId: number;
      kind: ExportKind;
      input: ReportInput;
      plan: RedactionPlan;
      /** The item exported, for a format of one item (a flame graph, a recording). */
      itemId?: string;
    };

export type ExportResult =
  | { type: 'plan'; requestId: number; plan: RedactionPlan }
  | { type: 'make'; requestId: number; name: string; text: string }
  | { type: 'error'; requestId: number; message: string };
