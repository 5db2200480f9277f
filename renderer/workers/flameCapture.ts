import type { CaptureParser } from '../../shared/captures/captureParser';
import type { FlameStreamModel } from '../../shared/flame/flameModel';
import type { CollapsedPartsTarget } from '../../shared/parsers/collapsed/index';
import { stackTreeBuffers } from '../../shared/flame/stackTreeData';
import { FlameStream } from './flameStream';

/** A flame-graph stream that pauses this long gets its tree built (a recognised, unending one). */
const FLAME_QUIET_MS = 1000;

/**
 * A FlameStream as the worker runs every capture: progress while text flows, the tree when the
 * text pauses or ends. A built tree is handed over once (its buffers are transferred), then only
 * progress until the next build.
 */
export class FlameCapture implements CaptureParser<FlameStreamModel> {
  readonly quietMs = FLAME_QUIET_MS;
  private readonly flame: FlameStream;
  private built: FlameStreamModel | null = null;

  /** Only a file or a paste (no marker to wait for) is read as bytes. */
  readonly pushBytes?: (bytes: Uint8Array) => void;

  constructor(options: { ungated?: boolean }) {
    this.flame = new FlameStream(options);
    if (options.ungated) this.pushBytes = (bytes) => this.flame.pushBytes(bytes);
  }

  push(text: string): void {
    this.flame.push(text);
  }

  /** The tree is built in afterEnd(), after the worker has posted that it is being built. */
  end(): void {
    this.flame.end();
    this.flame.startBuilding();
  }

  afterEnd(): void {
    if (this.flame.changed) this.built = this.flame.build();
  }

  preview(): boolean {
    const preview = this.flame.changed ? this.flame.buildPreview() : null;
    if (preview) this.built = preview;
    return preview !== null;
  }

  quiet(): boolean {
    if (!this.flame.changed) return false;
    this.built = this.flame.build();
    return true;
  }

  /** Before the recording's data marker there is nothing to show: nothing is posted. */
  get ready(): boolean {
    return this.flame.started;
  }

  snapshot(): FlameStreamModel {
    const built = this.built;
    this.built = null;
    return built ?? { progress: this.flame.progress(), tree: null, stacks: 0 };
  }

  transferables(model: FlameStreamModel): ArrayBuffer[] {
    return model.tree ? stackTreeBuffers(model.tree) : [];
  }

  get collapsedParts(): CollapsedPartsTarget | undefined {
    return this.flame.collapsedParts;
  }

  get unparsedLines(): number {
    return this.flame.unparsedLines;
  }

  get overlongLines(): number {
    return this.flame.overlongLines;
  }
}
