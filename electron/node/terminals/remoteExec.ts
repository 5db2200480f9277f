import type { Client } from 'ssh2';

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
}

const OUTPUT_LIMIT_BYTES = 1024 * 1024;

/**
 * Runs a short command without a PTY and collects its output (bounded), for preflight checks
 * and facts such as the core count. `command` must already be built from quoted arguments.
 */
export function remoteExec(
  client: Client,
  command: string,
  timeoutMs = 10_000,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(new Error(`Could not run a command on the host: ${error.message}`));
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let exitCode: number | null = null;
      const keep = (into: Buffer[]) => (data: Buffer) => {
        if (size < OUTPUT_LIMIT_BYTES) into.push(data);
        size += data.length;
      };
      const timer = setTimeout(() => {
        channel.close();
        reject(
          new Error(
            `The host did not finish "${command.slice(0, 80)}" within ${timeoutMs / 1000} s.`,
          ),
        );
      }, timeoutMs);
      channel.on('data', keep(out));
      channel.stderr.on('data', keep(err));
      channel.on('exit', (code: number | null) => {
        exitCode = typeof code === 'number' ? code : null;
      });
      channel.on('close', () => {
        clearTimeout(timer);
        resolve({
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          exitCode,
        });
      });
    });
  });
}
