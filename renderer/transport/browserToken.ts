import { BrowserAuth } from '../../shared/contract/browserAuth';

/**
 * The browser mode's token: taken from the printed address's `#token=…` (then stripped from the
 * address bar and history entry), else from this tab's sessionStorage after a reload. Never a
 * cookie: cookies are shared by every port of 127.0.0.1; sessionStorage belongs to this origin
 * (scheme, host and port) and this tab alone, and is sent nowhere.
 */
export function takeBrowserToken(): string | null {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const fromAddress = fragment.get(BrowserAuth.fragmentKey);
  if (fromAddress) {
    sessionStorage.setItem(BrowserAuth.storageKey, fromAddress);
    fragment.delete(BrowserAuth.fragmentKey);
    const rest = fragment.toString();
    history.replaceState(
      history.state,
      '',
      `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`,
    );
    return fromAddress;
  }
  return sessionStorage.getItem(BrowserAuth.storageKey);
}
