/** Why a socket closed, in words for the terminal or a notice (RFC 6455 codes, and ours). */
export function describeSocketClose(code: number, reason: string): string {
  const words: Record<number, string> = {
    1000: 'closed',
    1001: 'the workbench server is shutting down',
    1002: 'a WebSocket protocol error',
    1003: 'a message of the wrong kind',
    1006: 'the connection to the workbench server was lost',
    1007: 'a message that was not valid UTF-8 or JSON',
    1008: 'a message the server refused',
    1009: 'a message too big',
    1011: 'an error in the workbench server',
    4404: 'no such terminal',
  };
  const why = reason || words[code] || 'an unknown reason';
  return `${why} (code ${code})`;
}
