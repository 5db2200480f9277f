import { fileURLToPath } from 'node:url';

/** Where the app's own page comes from: the built file, or the dev server in `electron-vite dev`. */
export interface AppPage {
  rendererFile: string;
  devServerUrl: string | undefined;
}

/**
 * Whether `url` is the app's own page: exactly the built index.html (any query or fragment), or
 * any page of the dev server's origin. Any other file:// URL (a downloaded .html, another app's
 * file) or a look-alike origin (`http://localhost:51730` for `:5173`) is not.
 */
export function isAppPageUrl(url: string, page: AppPage): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (page.devServerUrl) {
    try {
      return parsed.origin === new URL(page.devServerUrl).origin;
    } catch {
      return false;
    }
  }
  if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
  try {
    return fileURLToPath(parsed) === page.rendererFile;
  } catch {
    return false;
  }
}
