import { describe, expect, it } from 'vitest';
import { isAppPageUrl } from '../../../electron/main/appPage';

const built = {
  rendererFile: '/opt/Workbench/resources/app.asar/out/renderer/index.html',
  devServerUrl: undefined,
};
const dev = {
  rendererFile: '/repo/out/renderer/index.html',
  devServerUrl: 'http://localhost:5173/',
};

describe('the app page check behind every IPC call', () => {
  it('accepts exactly the built page, whatever its query or fragment', () => {
    const page = 'file:///opt/Workbench/resources/app.asar/out/renderer/index.html';
    expect(isAppPageUrl(page, built)).toBe(true);
    expect(isAppPageUrl(`${page}?tab=2#x`, built)).toBe(true);
    expect(isAppPageUrl(page.replace('index.html', 'ind%65x.html'), built)).toBe(true);
  });

  it('refuses any other file:// page', () => {
    for (const url of [
      'file:///home/me/Downloads/evil.html',
      'file:///opt/Workbench/resources/app.asar/out/renderer/other.html',
      'file:///opt/Workbench/resources/app.asar/out/renderer/index.html/../../evil.html',
      'file:///opt/Workbench/resources/app.asar/out/renderer/index.html.evil',
      'file://attacker.example/opt/Workbench/resources/app.asar/out/renderer/index.html',
      'file:///opt/Workbench/resources/app.asar/out/renderer/%2e%2e/index.html',
      'file:///',
    ]) {
      expect(isAppPageUrl(url, built), url).toBe(false);
    }
  });

  it('refuses the web, data and blob pages, and garbage', () => {
    for (const url of [
      'https://evil.example/',
      'http://localhost:5173/',
      'data:text/html,<script>1</script>',
      'blob:file:///abc',
      'about:blank',
      '',
      'not a url',
    ]) {
      expect(isAppPageUrl(url, built), url).toBe(false);
    }
  });

  it('in dev, accepts the dev server origin only, not a look-alike port or host', () => {
    expect(isAppPageUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isAppPageUrl('http://localhost:5173/index.html?x#y', dev)).toBe(true);
    for (const url of [
      'http://localhost:51730/',
      'http://localhost:5173.evil.example/',
      'http://localhost:5173@evil.example/',
      'https://localhost:5173/',
      'file:///repo/out/renderer/index.html',
    ]) {
      expect(isAppPageUrl(url, dev), url).toBe(false);
    }
  });
});
