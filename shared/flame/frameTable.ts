import { formatFrame, frameKey, type StackFrame } from './stackSamples';

/** Append-only, deduplicated frame table shared by a tree and the trees derived from it. */
export class FrameTable {
  readonly frames: StackFrame[] = [];
  private readonly ids = new Map<string, number>();
  private labels: string[] = [];
  private lowerLabels: string[] = [];

  get size(): number {
    return this.frames.length;
  }

  intern(frame: StackFrame): number {
    const key = frameKey(frame);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.frames.length;
      this.ids.set(key, id);
      const copy: StackFrame = { name: frame.name };
      if (frame.file !== undefined) copy.file = frame.file;
      if (frame.line !== undefined) copy.line = frame.line;
      this.frames.push(copy);
    }
    return id;
  }

  idOfKey(key: string): number | undefined {
    return this.ids.get(key);
  }

  frame(id: number): StackFrame {
    return this.frames[id] ?? { name: '(root)' };
  }

  /** `name (file:line)`, cached. */
  label(id: number): string {
    let label = this.labels[id];
    if (label === undefined) {
      label = formatFrame(this.frame(id));
      this.labels[id] = label;
    }
    return label;
  }

  lowerLabel(id: number): string {
    let label = this.lowerLabels[id];
    if (label === undefined) {
      label = this.label(id).toLowerCase();
      this.lowerLabels[id] = label;
    }
    return label;
  }
}
