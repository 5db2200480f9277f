/// <reference lib="webworker" />
import { makeExport } from '../../shared/notebook/exportFormats';
import { itemTexts, planReportRedaction, scopePlan } from '../../shared/notebook/redactReport';
import type { ExportRequest, ExportResult } from './exportProtocol';

/**
 * Redaction scans a whole investigation (seconds for tens of megabytes of captures) and the HTML
 * report re-parses every snapshot: both run here so the notebook keeps answering the keyboard.
 */
const post = (result: ExportResult) => self.postMessage(result);

self.onmessage = (event: MessageEvent<ExportRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'plan') {
      const plan = planReportRedaction(request.input, request.options, request.context);
      const item = request.input.items.find((each) => each.id === request.itemId);
      post({
        type: 'plan',
        requestId: request.requestId,
        plan: item ? scopePlan(plan, itemTexts(request.input, item)) : plan,
      });
    } else
      post({
        type: 'make',
        requestId: request.requestId,
        ...makeExport(request.kind, request.input, request.plan, request.itemId),
      });
  } catch (error) {
    post({
      type: 'error',
      requestId: request.requestId,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
