import { z } from 'zod';

/**
 * What a connection was connected to, recorded once it is up: the host key seen at every hop,
 * the user, the host's `uname -a` and its clock's offset from ours. Kept with every snapshot
 * pinned from a tab on that connection, so a report says which machine the evidence came from.
 */

/** The longest `uname -a` kept (a real one is under 200 characters). */
export const UNAME_MAX_CHARS = 300;

export const HopRecord = z.object({
  /** `user@host`, or `user@[host]:port` for a port other than 22. */
  address: z.string().max(300),
  /** The host key's type (`ssh-ed25519`). */
  algorithm: z.string().max(64),
  /** `SHA256:…`, as OpenSSH prints it. */
  fingerprint: z.string().max(100),
});
export type HopRecord = z.infer<typeof HopRecord>;

/** The host's clock minus ours, and how far off that may be (half the round trip, at most). */
export const ClockOffset = z.object({
  offsetSeconds: z.number(),
  uncertaintySeconds: z.number().min(0),
});
export type ClockOffset = z.infer<typeof ClockOffset>;

export const ConnectionRecord = z.object({
  /** Every hop, the jump hosts first (nearest first), the target last. */
  hops: z.array(HopRecord).min(1).max(16),
  user: z.string().max(256),
  /** `uname -a` as the host printed it, control characters removed; null when unknown. */
  uname: z
    .string()
    .max(UNAME_MAX_CHARS + 1)
    .nullable(),
  /** Null when the host's answer to `date` could not be read. */
  clock: ClockOffset.nullable(),
  recordedAt: z.iso.datetime({ offset: true }),
});
export type ConnectionRecord = z.infer<typeof ConnectionRecord>;
