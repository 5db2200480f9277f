import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestTarget } from './requestTarget';

export const TOKEN_COOKIE = 'wb_token';

/** The page may load only its own scripts and talk only to this server. */
export function contentSecurityPolicy(origin: string): string {
  const wsOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
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

export function cookieToken(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return null;
}

/** The token from the query string or the cookie set when the page was first opened with it. */
export function requestToken(request: IncomingMessage, url: RequestTarget): string | null {
  return url.searchParams.get('token') ?? cookieToken(request);
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
