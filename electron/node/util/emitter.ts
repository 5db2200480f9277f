import type { EventName, EventPayload } from '../../../shared/contract/index';

export type EventSink = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

/** Fans contract events out to every attached window or socket. */
export class EventHub {
  private sinks = new Set<EventSink>();

  attach(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit: EventSink = (name, payload) => {
    for (const sink of this.sinks) sink(name, payload);
  };
}
