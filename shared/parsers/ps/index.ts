export type { PsModel, PsRow, PsTable } from './psModel';
export { PsStreamParser, parsePsText, MAX_PS_ROWS } from './psParser';
export { pythonProcessesFirst, pythonKind, isPythonProcess, type PythonKind } from './psPython';
export { parsePsDuration, programName } from './psValues';
