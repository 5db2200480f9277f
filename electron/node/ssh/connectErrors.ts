import type { ConnectFailure } from '../../../shared/contract/index';

/** A connection failure with its cause named, so the UI can say what to do about it. */
export class SshConnectError extends Error {
  override name = 'SshConnectError';
  constructor(
    readonly failure: ConnectFailure,
    message: string,
  ) {
    super(message);
  }
}

interface Ssh2Error extends Error {
  level?: string;
  code?: string;
}

/** Maps ssh2's and the socket's errors to a cause and a sentence an engineer can act on. */
export function explainSsh2Error(error: Ssh2Error, where: string, user: string): SshConnectError {
  switch (error.code) {
    case 'ECONNREFUSED':
      return new SshConnectError(
        'refused',
        `${where} refused the connection: nothing listens on that port (is sshd running?).`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new SshConnectError('dns', `${where}: the host name could not be resolved.`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new SshConnectError(
        'unreachable',
        `${where} is unreachable from this machine (no route).`,
      );
    case 'ETIMEDOUT':
      return new SshConnectError('timeout', `${where} did not answer in time.`);
    case 'ECONNRESET':
      return new SshConnectError('closed', `${where} reset the connection during the handshake.`);
  }
  // sshd's MaxAuthTries: it hangs up rather than offer the methods again.
  if (/too many authentication failures/i.test(error.message)) {
    return new SshConnectError(
      'auth',
      `${where} ended the login of user "${user}" after too many failed attempts (the server's MaxAuthTries); connect again to retry.`,
    );
  }
  if (error.level === 'client-authentication') {
    return new SshConnectError(
      'auth',
      `${where} refused to log in user "${user}" with this key: the key is not authorized for that user, or the user does not exist.`,
    );
  }
  if (error.level === 'client-timeout') {
    return new SshConnectError('timeout', `${where} did not complete the SSH handshake in time.`);
  }
  return new SshConnectError('protocol', `${where}: ${error.message}`);
}
