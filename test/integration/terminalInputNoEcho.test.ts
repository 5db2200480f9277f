import { createHash, randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitInput } from '../../shared/contract/index';
import { remoteExec } from '../../electron/node/terminals/remoteExec';
import { CollectingSink, labConnection } from './harness';

// With echo off in canonical mode, OpenSSH's sshd answers each write to the terminal with an
// SSH_MSG_IGNORE as long as that write; a big paste makes it longer than ssh2's stock 35000-byte
// packet limit, and ssh2 then dropped the whole connection ("Bad packet length").

const labHost = labConnection();

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Lines of random base64 (a PTY in canonical mode takes at most 4095 characters a line). */
function pasteText(bytes: number): string {
  const lines = Array.from({ length: bytes / 128 }, () =>
    randomBytes(96).toString('base64').slice(0, 127),
  );
  return `${lines.join('\n')}\n`;
}

/** Resolves with the file's size once it reaches `size`, or earlier with why it never will. */
async function fileReaches(path: string, size: number, ended: () => boolean): Promise<string> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const now = statSync(path, { throwIfNoEntry: false })?.size ?? 0;
    if (now >= size) return `${now} bytes`;
    if (ended()) return `the terminal ended at ${now} bytes`;
    if (Date.now() > deadline) return `still ${now} bytes after 120 s`;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a big paste into a program that turned echo off', () => {
  for (const mib of [4, 10]) {
    it(`${mib} MiB into \`stty -echo; cat > file\` arrives whole; the connection stays up`, async () => {
      const file = `${labHost.lab.dir}/paste-${mib}.txt`;
      const text = pasteText(mib * 1024 * 1024);
      const { info, session } = await labHost.bench.runCommand(
        labHost.connectionId,
        'cat',
        `stty -echo; echo wb-echo-$((6*7))-off; cat > ${file}`,
      );
      let exited = false;
      const detach = labHost.bench.workbench.events.attach((name, payload) => {
        if (name !== 'terminal.onExit' || !('terminalId' in payload)) return;
        if (payload.terminalId === info.terminalId) exited = true;
      });
      const sink = new CollectingSink(session);
      session.attach(sink);
      await sink.waitFor(/wb-echo-42-off/);
      // As the browser mode and the Electron port feed it: the page's CR line ends, in pieces,
      // each waiting for the channel to take the one before.
      for (const piece of splitInput(text.replaceAll('\n', '\r')))
        if (!session.receive({ t: 'input', data: piece })) await session.inputDrained();
      expect(await fileReaches(file, text.length, () => exited)).toBe(`${text.length} bytes`);
      detach();
      const client = labHost.bench.workbench.connections.client(labHost.connectionId);
      const { stdout } = await remoteExec(client, `sha256sum ${file}`);
      expect(stdout.slice(0, 64)).toBe(sha256(text));
      // Nothing was echoed: the terminal showed only what the command printed first.
      expect(sink.text()).not.toContain(text.slice(0, 127));
      session.close();
    });
  }
});
