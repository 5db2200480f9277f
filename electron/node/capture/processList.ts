import type { Client } from 'ssh2';
import type { ProcessRow } from '../../../shared/contract/index';
import { parsePsText, pythonKind, pythonProcessesFirst } from '../../../shared/parsers/ps/index';
import { remoteExec } from '../terminals/remoteExec';

/** Enough for a picker; a host with more processes is filtered by typing. */
const MAX_ROWS = 2000;
const PS_COMMAND = 'LC_ALL=C ps -eo pid,ppid,user,pcpu,pmem,nlwp,stat,etime,comm,args --sort=-pcpu';

/** Lists the host's processes for the process picker: nobody types a PID by hand. */
export async function listProcesses(
  client: Client,
): Promise<{ rows: ProcessRow[]; total: number; unparsedLines: number }> {
  const result = await remoteExec(client, PS_COMMAND);
  if (result.exitCode !== 0 && result.stdout.trim() === '') {
    throw new Error(
      `ps failed on the host: ${result.stderr.trim().slice(0, 200) || `exit ${result.exitCode}`}`,
    );
  }
  const model = parsePsText(result.stdout);
  const rows = pythonProcessesFirst(model.table?.rows ?? [])
    // The ps that lists them is not a process anyone wants to inspect.
    .filter((row) => !row.command.startsWith('ps -eo pid,ppid'))
    .slice(0, MAX_ROWS)
    .map((row) => ({
      pid: row.pid,
      ppid: row.ppid,
      user: row.user,
      cpuPercent: row.cpuPercent,
      memPercent: row.memPercent,
      threads: row.threads,
      stat: row.stat,
      elapsedSeconds: row.elapsedSeconds,
      name: row.name,
      command: row.command.slice(0, 500),
      python: pythonKind(row),
    }));
  return { rows, total: model.table?.rows.length ?? 0, unparsedLines: model.unparsedLines };
}
