import { CastOutput } from '../../shared/captureLog/castOutput';

/**
 * A recording's file bytes in, the terminal output it recorded out (the bytes of its "o" events),
 * for the parser of the tool it recorded.
 */
export class CastInput {
  private readonly fileDecoder = new TextDecoder('utf-8');
  private readonly events: CastOutput;

  constructor(skipBytes: number) {
    this.events = new CastOutput(skipBytes);
  }

  bytes(fileBytes: Uint8Array): Uint8Array[] {
    return this.events.push(this.fileDecoder.decode(fileBytes, { stream: true }));
  }

  end(): Uint8Array[] {
    return [...this.events.push(this.fileDecoder.decode()), ...this.events.end()];
  }
}
