export interface Disposable {
  dispose(): void;
}

/** Owns what a service subscribed to or opened, and releases it all once. */
export class DisposableStore implements Disposable {
  private items = new Set<() => void>();
  private disposed = false;

  add(dispose: () => void): void {
    if (this.disposed) dispose();
    else this.items.add(dispose);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const dispose of this.items) {
      try {
        dispose();
      } catch {
        // One failing release must not keep the others alive.
      }
    }
    this.items.clear();
  }
}
