import type { SshConfigResolver as Resolver } from '../../../shared/contract/index';

/** Which resolver read the config, in words: OpenSSH itself, or ours because ssh is missing. */
export const resolverText = (resolver: Resolver): string =>
  resolver === 'ssh -G'
    ? "resolved by OpenSSH's ssh -G"
    : "resolved by the workbench's parser: ssh not found";

/** The short form on an imported host; profiles from before the parser existed were ssh -G's. */
export const resolverTag = (resolver: Resolver | undefined): string =>
  resolver === 'parser' ? 'workbench parser' : 'ssh -G';
