/**
 * A message used inside a sentence of ours: without its own final period, so that wrapping it
 * ("Ended: …." or "could not be built: ….") never prints two.
 */
export function asClause(message: string, fallback: string): string {
  return message.trim().replace(/[.\s]+$/, '') || fallback;
}
