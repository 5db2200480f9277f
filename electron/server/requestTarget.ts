/** What the server reads of a request's target: the decoded path and the query. */
export interface RequestTarget {
  /** Percent-decoded; always starts with a single `/`. */
  pathname: string;
  searchParams: URLSearchParams;
}

/**
 * Parses an origin-form request target (`/path?query`). Anything else (absolute or
 * protocol-relative forms, `*`, bad percent-encoding) is null: the caller answers 400.
 * Never throws, whatever the client sent.
 */
export function parseRequestTarget(raw: string | undefined): RequestTarget | null {
  if (!raw?.startsWith('/') || raw.startsWith('//')) return null;
  try {
    const url = new URL(raw, 'http://target.invalid');
    return { pathname: decodeURIComponent(url.pathname), searchParams: url.searchParams };
  } catch {
    return null;
  }
}
