/**
 * Which `ps` rows are Python services, for the process picker: interpreters (python, python3.11,
 * pypy3), the usual servers and workers started as console scripts (uvicorn, gunicorn, celery…),
 * their process titles ("gunicorn: worker [app:app]", "[celeryd: celery@host:MainProcess]"), and
 * `python -m X` / `python manage.py`. Only the program word and its module/script are looked at,
 * so "vim app.py" or "grep python" are not taken for Python.
 */
import type { PsRow } from './psModel';
import { programName } from './psValues';

export type PythonKind =
  | 'uvicorn'
  | 'gunicorn'
  | 'celery'
  | 'django'
  | 'hypercorn'
  | 'daphne'
  | 'granian'
  | 'twisted'
  | 'uwsgi'
  | 'python';

const SERVERS = new Map<string, PythonKind>([
  ['uvicorn', 'uvicorn'],
  ['gunicorn', 'gunicorn'],
  ['celery', 'celery'],
  ['celeryd', 'celery'],
  ['hypercorn', 'hypercorn'],
  ['daphne', 'daphne'],
  ['granian', 'granian'],
  ['twistd', 'twisted'],
  ['twisted', 'twisted'],
  ['uwsgi', 'uwsgi'],
  ['django-admin', 'django'],
  ['manage.py', 'django'],
  ['django', 'django'],
]);

const INTERPRETER = /^(?:python|pypy|ipython)(?:\d+(?:\.\d+)*)?[dmu]*(?:-dbg)?$/i;
/** Interpreter options that take a value (so the next word is not the script). */
const OPTION_WITH_VALUE = new Set(['-W', '-X', '-Q', '--check-hash-based-pycs']);

function wordName(word: string): string {
  return programName(word).toLowerCase();
}

/** What kind of Python process a row is, or null. */
export function pythonKind(row: Pick<PsRow, 'command' | 'comm' | 'name'>): PythonKind | null {
  const words = row.command.trim().split(/\s+/, 24);
  const program = wordName(words[0] ?? '');
  const server = SERVERS.get(program);
  if (server !== undefined) return server;
  if (INTERPRETER.test(program)) return interpreterKind(words);
  for (const n of [row.comm, row.name]) {
    const name = (n ?? '').toLowerCase();
    if (INTERPRETER.test(name)) return interpreterKind(words);
    const kind = SERVERS.get(name);
    if (kind !== undefined) return kind;
  }
  return null;
}

function interpreterKind(words: string[]): PythonKind {
  for (let i = 1; i < words.length; i++) {
    const w = words[i] ?? '';
    if (w === '-m')
      return SERVERS.get(wordName(words[i + 1] ?? '').split('.')[0] ?? '') ?? 'python';
    if (w === '-c') return 'python';
    if (OPTION_WITH_VALUE.has(w)) i++;
    else if (!w.startsWith('-')) return SERVERS.get(wordName(w)) ?? 'python';
  }
  return 'python';
}

export function isPythonProcess(row: Pick<PsRow, 'command' | 'comm' | 'name'>): boolean {
  return pythonKind(row) !== null;
}

/**
 * Rows for a process picker: Python processes first, then by %CPU (highest first), then by PID
 * and thread id. Returns a new array; the input is not changed.
 */
export function pythonProcessesFirst<Row extends PsRow>(rows: readonly Row[]): Row[] {
  const keyed = rows.map((row) => ({ row, python: isPythonProcess(row) }));
  keyed.sort(
    (a, b) =>
      Number(b.python) - Number(a.python) ||
      (b.row.cpuPercent ?? -1) - (a.row.cpuPercent ?? -1) ||
      a.row.pid - b.row.pid ||
      (a.row.tid ?? -1) - (b.row.tid ?? -1),
  );
  return keyed.map((k) => k.row);
}
