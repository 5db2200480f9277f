/** A fallible pure step: data instead of exceptions in domain code. */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; reason: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(reason: E): Result<never, E> => ({ ok: false, reason });

/** Put in the default branch of every switch over a union, so a new member fails the type check. */
export function missingCase(x: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(x)}`);
}
