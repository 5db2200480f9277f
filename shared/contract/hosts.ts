import { z } from 'zod';

/** A hostname or IP literal: no spaces, no shell or ssh-option metacharacters. */
const HostName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:_%[\]-]+$/, 'host: letters, digits, dots, colons, dashes only')
  .refine((h) => !h.startsWith('-'), 'host must not start with "-"');

/**
 * A login name: it goes to ssh2 as the username (never into a shell), and is shown as
 * user@host. "@" is legal inside one (directory users such as ops@corp.example); a leading "-"
 * or "@" and anything a shell or ssh option parser would read are not.
 */
const UserName = z
  .string()
  .min(1)
  .max(64)
  .regex(
    /^[A-Za-z0-9._][A-Za-z0-9._@-]*\$?$/,
    'user: letters, digits, ".", "_", "-", "@" only, not starting with "-" or "@"',
  );

const HostIdString = z.string().regex(/^h_[a-z0-9]{6,32}$/);
const Port = z.number().int().min(1).max(65535);
const KeyPath = z.string().min(1).max(4096);

/** Login methods, named as OpenSSH names them. */
export const AuthMethod = z.enum(['publickey', 'keyboard-interactive', 'password']);
export type AuthMethod = z.infer<typeof AuthMethod>;
/** OpenSSH's default PreferredAuthentications order (without GSSAPI and host-based). */
export const DEFAULT_AUTH_METHODS: readonly AuthMethod[] = [
  'publickey',
  'keyboard-interactive',
  'password',
];

/**
 * One jump host (ProxyJump hop): a saved profile, connected to exactly as that profile is; or an
 * address with its own user and keys, offered the ssh-agent's keys when there is one (as ssh
 * offers them to every hop).
 */
export const JumpHop = z.union([
  z.object({ hostId: HostIdString }).strict(),
  z
    .object({
      host: HostName,
      port: Port.default(22),
      user: UserName,
      keyPath: KeyPath.optional(),
      extraKeyPaths: z.array(KeyPath).max(16).optional(),
      identitiesOnly: z.boolean().optional(),
    })
    .strict(),
]);
export type JumpHop = z.input<typeof JumpHop>;

/** `ssh -G` where an OpenSSH client is installed, else the workbench's own parser. */
export const SshConfigResolver = z.enum(['ssh -G', 'parser']);
export type SshConfigResolver = z.infer<typeof SshConfigResolver>;

/** A bound on the chain a profile can ask for; real chains have one to three hops. */
const MAX_JUMP_HOPS = 8;

/** A tag on a host: one word ("prod", "eu-west", "db"); `prod`/`production` mark it red on every tab. */
export const HostTag = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'tag: one word of letters, digits, ".", "_", "-"');

export const HostInput = z.object({
  label: z.string().max(80).optional(),
  /** Where the host list files it ("payments", "eu-west"); absent: with the ungrouped hosts. */
  group: z.string().trim().max(60).optional(),
  tags: z.array(HostTag).max(16).optional(),
  host: HostName,
  port: Port.default(22),
  user: UserName,
  /** Absent for a host reached with the ssh-agent's keys only. */
  keyPath: KeyPath.optional(),
  /** More key files, tried in order after keyPath (several IdentityFile lines). */
  extraKeyPaths: z.array(KeyPath).max(16).optional(),
  /**
   * The ssh-agent (SSH_AUTH_SOCK): true = its keys are offered first and it must be there;
   * false = never used; absent = used when SSH_AUTH_SOCK is set.
   */
  agent: z.boolean().optional(),
  /** As OpenSSH's IdentitiesOnly: of the agent's keys, offer only the one matching keyPath. */
  identitiesOnly: z.boolean().optional(),
  /**
   * As OpenSSH's PreferredAuthentications: the methods tried, in this order, among those the
   * server offers. Absent: publickey, keyboard-interactive, password (ssh's default).
   */
  authMethods: z.array(AuthMethod).min(1).max(3).optional(),
  /**
   * Keepalive as OpenSSH's ServerAliveInterval (seconds) and ServerAliveCountMax: the link is
   * declared dead after that many unanswered probes. Absent or 0: every 15 s, 4 probes.
   */
  serverAliveInterval: z.number().int().min(0).max(3600).optional(),
  serverAliveCountMax: z.number().int().min(1).max(100).optional(),
  /** The `~/.ssh/config` alias this profile was imported from. */
  sshAlias: z.string().max(255).optional(),
  /** Who resolved that alias: OpenSSH's `ssh -G`, or the workbench's parser (no ssh client). */
  sshAliasResolver: SshConfigResolver.optional(),
  /** Jump hosts, nearest first (ProxyJump order); absent in hosts files older than this field. */
  jump: z.array(JumpHop).min(1).max(MAX_JUMP_HOPS).optional(),
});
export type HostInput = z.input<typeof HostInput>;

export const HostProfile = HostInput.extend({
  id: HostIdString,
  label: z.string().max(80),
  port: Port,
});
export type HostProfile = z.infer<typeof HostProfile>;

export const HostId = z.object({ hostId: HostProfile.shape.id });

export const hostsRequests = {
  'hosts.list': { input: z.object({}), output: z.array(HostProfile) },
  'hosts.save': {
    input: HostInput.extend({ id: HostProfile.shape.id.optional() }),
    output: HostProfile,
  },
  'hosts.remove': { input: HostId, output: z.object({ removed: z.boolean() }) },
  /**
   * Saves a profile for every non-wildcard Host of ~/.ssh/config, each resolved with ssh -G,
   * or with the workbench's parser where no OpenSSH client is installed.
   */
  'hosts.importSshConfig': {
    input: z.object({ allowMatchExec: z.boolean().optional() }),
    output: z.object({
      /** Who resolved the aliases. */
      resolver: SshConfigResolver,
      /** Where the parser's result may differ from ssh's ("FILE line N: …"), once each. */
      notes: z.array(z.string()),
      imported: z.array(HostProfile),
      failed: z.array(
        z.object({ alias: z.string(), error: z.string(), needsConsent: z.boolean() }),
      ),
    }),
  },
} as const;

/** Tags that mark a host as production: its tabs are drawn in red. */
export const isProductionTag = (tag: string): boolean => /^prod(uction)?$/i.test(tag);

export const isProduction = (host: { tags?: readonly string[] | undefined }): boolean =>
  (host.tags ?? []).some(isProductionTag);
