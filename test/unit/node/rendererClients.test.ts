import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  clientIdOrNew,
  RendererClients,
  WindowPage,
} from '../../../electron/node/terminals/rendererClients';

const GRACE_MS = 40;

function tracked() {
  const gone: string[] = [];
  const clients = new RendererClients((clientId) => gone.push(clientId), GRACE_MS);
  return { gone, clients };
}

describe('renderer clients (browser mode)', () => {
  it('ends a page once its socket has been closed for the grace, not before', async () => {
    const { gone, clients } = tracked();
    const closed = clients.connected('page-a-000000');
    closed();
    expect(gone).toEqual([]);
    expect(clients.isGone('page-a-000000')).toBe(false);
    await sleep(GRACE_MS * 3);
    expect(gone).toEqual(['page-a-000000']);
    expect(clients.isGone('page-a-000000')).toBe(true);
  });

  it('keeps a page whose socket comes back within the grace', async () => {
    const { gone, clients } = tracked();
    clients.connected('page-a-000000')();
    const back = clients.connected('page-a-000000');
    await sleep(GRACE_MS * 3);
    expect(gone).toEqual([]);
    back();
    await sleep(GRACE_MS * 3);
    expect(gone).toEqual(['page-a-000000']);
  });

  it('waits for the last of several sockets of one page, and counts a close once', async () => {
    const { gone, clients } = tracked();
    const first = clients.connected('page-a-000000');
    const second = clients.connected('page-a-000000');
    first();
    first();
    await sleep(GRACE_MS * 3);
    expect(gone).toEqual([]);
    second();
    await sleep(GRACE_MS * 3);
    expect(gone).toEqual(['page-a-000000']);
  });

  it('ends one page without touching another', async () => {
    const { gone, clients } = tracked();
    clients.connected('page-a-000000')();
    clients.connected('page-b-000000');
    await sleep(GRACE_MS * 3);
    expect(gone).toEqual(['page-a-000000']);
    expect(clients.isGone('page-b-000000')).toBe(false);
  });

  it('takes a well-formed id from the page and makes its own for anything else', () => {
    const uuid = '0b7c3f7e-8d1a-4c52-9a43-2f0e6d1c9b11';
    expect(clientIdOrNew(uuid)).toBe(uuid);
    for (const bad of [
      null,
      undefined,
      '',
      'short',
      'a'.repeat(65),
      'page a 0000',
      '../../x/yyyyy',
    ])
      expect(clientIdOrNew(bad)).toMatch(/^r_[0-9a-f]{16}$/);
  });
});

describe('the Electron window page', () => {
  it('ends the page before a reload or a crash at once, and gives the next page a new id', () => {
    const { gone, clients } = tracked();
    const page = new WindowPage(clients);
    const first = page.clientId;
    page.replaced();
    expect(gone).toEqual([first]);
    expect(page.clientId).not.toBe(first);
    expect(clients.isGone(page.clientId)).toBe(false);
    const second = page.clientId;
    page.closed();
    expect(gone).toEqual([first, second]);
  });
});
