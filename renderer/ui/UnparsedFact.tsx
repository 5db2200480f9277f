/**
 * "N unparsed", the count every parsed view shows, with what it means on hover, and the lines too
 * long to keep named apart: a multi-megabyte line is dropped unread (memory stays bounded), and the
 * view should say so rather than only count it.
 */
export function UnparsedFact({ count, overlong = 0 }: { count: number; overlong?: number }) {
  const title =
    count === 0
      ? 'Every line was understood'
      : `${count} line${count === 1 ? '' : 's'} not understood` +
        (overlong > 0 ? `, of which ${overlong} longer than 64 KiB, dropped unread` : '') +
        '; the terminal shows them as printed';
  return (
    <span className={count > 0 ? 'warn' : 'quiet'} title={title}>
      {count} unparsed{overlong > 0 ? ` (${overlong} over 64 KiB)` : ''}
    </span>
  );
}
