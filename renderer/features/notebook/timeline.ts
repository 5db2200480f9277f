export {
  eventAt as eventTime,
  inTimeOrder as timelineOrder,
} from '../../../shared/notebook/reportInput';

/** Local wall-clock time, to the second: "10:41:02". */
export const localTime = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
