import type { AnyAuthMethod } from 'ssh2';
import type { AuthMethod } from '../../../shared/contract/hosts';
import type { ConnectFailure } from '../../../shared/contract/ssh';
import type { AuthStep } from './authSteps';
import type { InteractiveAuth } from './interactiveAuth';

/**
 * Which method to try next, as OpenSSH chooses it: first "none", which costs nothing and brings
 * the server's list of methods; then, in the profile's order of preference, each method the
 * server still offers: every key (agent, then key files), then keyboard-interactive, then
 * password, each asked again while the server offers it again. A secret is asked for only here,
 * after the handshake (and so the host-key check) is over.
 */
export class AuthOrder {
  private sentNone = false;
  private last: AuthMethod | 'none' | null = null;
  /** What the server offered last, for the final message. */
  offered: readonly string[] = [];
  /** The server asked for keys and the profile allows them: the keys on offer were tried. */
  private keysAsked = false;

  constructor(
    private readonly user: string,
    private readonly preference: readonly AuthMethod[],
    private readonly keySteps: AuthStep[],
    private readonly interactive: InteractiveAuth,
  ) {}

  async next(serverOffers: readonly string[] | null): Promise<AnyAuthMethod | null> {
    if (!this.sentNone) {
      this.sentNone = true;
      this.last = 'none';
      return { type: 'none', username: this.user };
    }
    this.offered = serverOffers ?? [];
    if (this.last === 'password' || this.last === 'keyboard-interactive') {
      this.interactive.refused(this.last);
    }
    for (const method of this.preference) {
      if (!this.offered.includes(method)) continue;
      if (method === 'publickey') this.keysAsked = true;
      const chosen =
        method === 'publickey' ? await this.nextKey() : await this.interactive.next(method);
      if (chosen) {
        this.last = method;
        return chosen;
      }
    }
    this.last = null;
    return null;
  }

  /** Why nobody is logged in, once every method on both sides is spent. */
  refusal(where: string, keysOnOffer: string): { failure: ConnectFailure; message: string } {
    const user = `user "${this.user}"`;
    const keys = this.keysAsked ? keysOnOffer : '';
    const tried = [...(keys ? [keys] : []), ...this.interactive.tried()];
    const offered = this.offered.filter((method) => method !== 'none').join(', ') || 'no method';
    if (tried.length > 0) {
      const causes = [
        ...(keys ? ['the key is not authorized for that user'] : []),
        ...(tried.length > (keys ? 1 : 0) ? ['the password or answers were wrong'] : []),
        'or the user does not exist',
      ];
      return {
        failure: 'auth',
        message: `${where} refused to log in ${user} with ${tried.join(', then ')}: ${causes.join(', ')}.`,
      };
    }
    if (!keysOnOffer && this.offered.includes('publickey')) {
      return {
        failure: 'key-file',
        message: `${where} offers ${offered} to ${user}, but no key file is set and no ssh-agent is available (SSH_AUTH_SOCK is not set).`,
      };
    }
    return {
      failure: 'auth',
      message: `${where} offers ${offered} to ${user}; this host's profile allows ${this.preference.join(', ')}.`,
    };
  }

  private async nextKey(): Promise<AnyAuthMethod | null> {
    for (let step = this.keySteps.shift(); step; step = this.keySteps.shift()) {
      const method = await step();
      if (method) return method;
    }
    return null;
  }
}
