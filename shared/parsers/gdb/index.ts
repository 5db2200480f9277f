export { GdbPyBtParser, parseGdbPyBt } from './pyBtParser';
