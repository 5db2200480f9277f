/**
 * What the user answered while opening one connection, kept in memory for that connection's life
 * so that reconnecting asks only for what it does not hold: a key's passphrase, a host key the
 * user accepted. Never written anywhere; `forget` drops it when the connection ends for good.
 */
export class HeldAnswers {
  private readonly passphrases = new Map<string, string>();
  private readonly acceptedKeys = new Set<string>();

  /**
   * The passphrase of `keyPath` from memory on a first try; asked (and then held) otherwise. A
   * retry (`attempt` > 1: the held one no longer opens the key) always asks the user.
   */
  async passphrase(
    request: { keyPath: string; attempt: number },
    ask: () => Promise<string | null>,
  ): Promise<string | null> {
    const held = this.passphrases.get(request.keyPath);
    if (held !== undefined && request.attempt === 1) return held;
    const answer = await ask();
    if (answer === null) this.passphrases.delete(request.keyPath);
    else this.passphrases.set(request.keyPath, answer);
    return answer;
  }

  /**
   * A host key this connection's user already accepted (the same host, port and fingerprint) is
   * not asked again; it is normally on record by then, this covers a known_hosts write that failed.
   */
  async hostKey(
    request: { host: string; port: number; fingerprint: string },
    ask: () => Promise<boolean>,
  ): Promise<boolean> {
    const key = `${request.host} ${request.port} ${request.fingerprint}`;
    if (this.acceptedKeys.has(key)) return true;
    const accepted = await ask();
    if (accepted) this.acceptedKeys.add(key);
    return accepted;
  }

  forget(): void {
    this.passphrases.clear();
    this.acceptedKeys.clear();
  }
}
