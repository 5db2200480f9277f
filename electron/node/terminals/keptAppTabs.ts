import { MAX_KEPT_APP_TABS, type KeptAppTab } from '../../../shared/contract/index';

/**
 * Each page's fleet and insights tabs, kept beside its terminals: they group terminals that the
 * Node side keeps alive, so a page that takes the terminals over takes these too. A page that
 * never comes back has them dropped with its terminals.
 */
export class KeptAppTabs {
  private byOwner = new Map<string, KeptAppTab[]>();
  private dropTimers = new Map<string, NodeJS.Timeout>();

  /** `owner`'s tabs now: what it kept before is replaced. */
  keep(owner: string, tabs: readonly KeptAppTab[]): void {
    if (tabs.length === 0) this.byOwner.delete(owner);
    else this.byOwner.set(owner, tabs.slice(-MAX_KEPT_APP_TABS));
  }

  /** `owner`'s page is gone: its tabs wait `keepMs` for another page, as its terminals do. */
  ownerGone(owner: string, keepMs: number): void {
    if (!this.byOwner.has(owner)) return;
    clearTimeout(this.dropTimers.get(owner));
    const timer = setTimeout(() => {
      this.byOwner.delete(owner);
      this.dropTimers.delete(owner);
    }, keepMs);
    timer.unref();
    this.dropTimers.set(owner, timer);
  }

  /** `owner` takes over the tabs of every other page that `present` says is not there. */
  takeOver(owner: string, present: (clientId: string) => boolean): KeptAppTab[] {
    const taken: KeptAppTab[] = [];
    for (const [previous, tabs] of this.byOwner) {
      if (previous === owner || present(previous)) continue;
      taken.push(...tabs);
      this.byOwner.delete(previous);
      clearTimeout(this.dropTimers.get(previous));
      this.dropTimers.delete(previous);
    }
    taken.sort((a, b) => a.startedAt - b.startedAt);
    if (taken.length > 0) this.keep(owner, [...(this.byOwner.get(owner) ?? []), ...taken]);
    return taken;
  }

  /** Forgets every page's tabs (the workbench quits). */
  dispose(): void {
    for (const timer of this.dropTimers.values()) clearTimeout(timer);
    this.dropTimers.clear();
    this.byOwner.clear();
  }
}
