import type { WorkbenchHandlers } from '../../../shared/contract/index';

/** The handlers of the requests whose names start with `domain.`. */
export type DomainHandlers<Domain extends string> = Pick<
  WorkbenchHandlers,
  Extract<keyof WorkbenchHandlers, `${Domain}.${string}`>
>;
