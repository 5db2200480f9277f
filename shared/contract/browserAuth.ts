/**
 * How the browser mode's page proves it holds the server's token. The token never travels in
 * a cookie (cookies are not scoped by port: every other server on 127.0.0.1 would receive it)
 * nor in a URL the server sees: the printed address carries it in the fragment, the page keeps
 * it in sessionStorage and offers it as a WebSocket subprotocol on each socket it opens.
 */
export const BrowserAuth = {
  /** The subprotocol the server selects: the token is never echoed back. */
  protocol: 'workbench.v1',
  /** The token is offered as `workbench-token.<token>` (base64url: valid header token characters). */
  tokenProtocolPrefix: 'workbench-token.',
  /** `#token=…` in the printed address. */
  fragmentKey: 'token',
  /** Where the page keeps it for reloads: per origin (scheme, host and port) and per tab. */
  storageKey: 'workbench.token',
} as const;

/** The subprotocols a page offers when it opens a socket with `token`. */
export const socketProtocols = (token: string): string[] => [
  BrowserAuth.protocol,
  `${BrowserAuth.tokenProtocolPrefix}${token}`,
];

/** The token offered in a `Sec-WebSocket-Protocol` header value, or null. */
export function tokenFromProtocols(header: string | undefined): string | null {
  for (const value of (header ?? '').split(',')) {
    const trimmed = value.trim();
    if (trimmed.startsWith(BrowserAuth.tokenProtocolPrefix))
      return trimmed.slice(BrowserAuth.tokenProtocolPrefix.length);
  }
  return null;
}
