import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tokenFromProtocols } from '../../shared/contract/browserAuth';

/** The page may load only its own scripts and talk only to this server. */
export function contentSecurityPolicy(origin: string): string {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    // 'wasm-unsafe-eval' compiles the parse workers' WebAssembly (the collapsed-stacks scanner),
    // nothing else: no eval, no inline script.
    "script-src 'self' 'wasm-unsafe-eval'",
    // xterm.js and React set element styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${wsOrigin}`,
    "worker-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function tokensEqual(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a socket request offers in its subprotocols (never a cookie, never the query). */
export function socketToken(request: IncomingMessage): string | null {
  return tokenFromProtocols(request.headers['sec-websocket-protocol']);
}

/**
 * Refuses requests whose Host is not our loopback address (DNS rebinding) and, for sockets,
 * whose Origin is not our own page (another site in the same browser).
 */
export function hostAndOriginAllowed(
  request: IncomingMessage,
  origin: string,
  requireOrigin: boolean,
): boolean {
  const expectedHost = origin.replace(/^https?:\/\//, '');
  if (request.headers.host !== expectedHost) return false;
  const requestOrigin = request.headers.origin;
  if (requestOrigin === undefined) return !requireOrigin;
  return requestOrigin === origin;
}
