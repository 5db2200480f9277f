/**
 * The fast path (straceFastLine.ts) gives exactly what the general line parser (straceLine.ts)
 * gives, line by line and over whole streams: on random realistic `strace -f -tt -T` lines
 * (unfinished/resumed pairs, signals, exits, strings with `) = ` and escapes inside, nested
 * structures, -Y / -r / -ttt leaders, odd results), on the same lines mutated, and in random
 * chunkings. The reference stream parser is StraceParser with the fast path switched off.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StraceParser, type StraceEvent } from '../../../../shared/parsers/strace';
import { eventsOfCleanLine } from '../../../../shared/parsers/strace/straceLine';
import { fastStraceEvent } from '../../../../shared/parsers/strace/straceFastLine';
import { cleanLine } from '../../../../shared/parsers/lineSplitter';
import { mutate, mutationOf, piecesAt } from '../randomInput';

/** Generous: the dev machine and CI are shared 2-core boxes. */
const SLOW = 60_000;

/** The parser as it was before the fast path: every line read by straceLine.ts. */
class GeneralOnlyParser extends StraceParser {
  protected override commonLineEvent(): StraceEvent | null {
    return null;
  }
}

const pick = <T>(xs: readonly T[]): fc.Arbitrary<T> => fc.constantFrom(...xs);

const leader = fc.oneof(
  fc
    .tuple(fc.integer({ min: 1, max: 99999 }), pick(['', ' ']))
    .map(([p, pad]) => `[pid ${pad}${p}] `),
  fc.integer({ min: 1, max: 99999 }).map((p) => `${p} `),
  pick(['', '[pid 7<python3>] ', '[pid 12', '[pid x] ', ' ', '[ 230] ']),
);

const two = fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0'));
const stamp = fc.oneof(
  fc
    .tuple(two, two, two, fc.integer({ min: 0, max: 999999 }), pick([6, 3, 0, 9]))
    .map(([h, m, s, us, digits]) =>
      digits === 0
        ? `${h}:${m}:${s} `
        : `${h}:${m}:${s}.${String(us).padStart(digits, '0').slice(0, digits)} `,
    ),
  pick(['', '1795422224.584234 ', '     0.000060 ', '(+     0.000785) ', '15:09 ', '1:2:3.4 ']),
);

const cString = fc
  .array(
    pick([
      'a',
      '/',
      'x y',
      ') = ',
      '\\"',
      '\\\\',
      '\\n',
      '\\303\\251',
      '(',
      ']',
      '{',
      '%',
      '\ufffd',
    ]),
    { maxLength: 8 },
  )
  .map((parts) => `"${parts.join('')}"`);

const arg = fc.oneof(
  pick(['3', 'AT_FDCWD', 'NULL', '0x7f3c2c0a1000', 'O_RDONLY|O_CLOEXEC', '3</srv/app.log>', '[]']),
  cString,
  cString.map((s) => `${s}...`),
  pick([
    '{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("10.0.0.5")}',
    '{sa_family=AF_UNIX, sun_path="/dev/log"}',
    '[{events=EPOLLIN, data={u32=9, u64=9}}]',
    '{tv_sec=2698, tv_nsec=570016990}',
    '[{a=[{b=(1)}]}]',
    '{st_mode=S_IFREG|0644, st_size=3}',
    '(',
    '"unterminated',
  ]),
);
const args = fc.array(arg, { maxLength: 5 }).map((a) => a.join(', '));

const result = pick([
  '0',
  '523',
  '-1 ENOENT (No such file or directory)',
  '-1 EAGAIN (Resource temporarily unavailable)',
  '? ERESTARTSYS (To be restarted if SA_RESTART is set)',
  '0x7f3c2c0a1000',
  '3</x) = y>',
  '-1 (errno 523)',
  '0 (Timeout)',
  '1 ([{fd=3, revents=POLLIN}])',
  '?',
  '',
]);
const duration = pick(['', ' <0.000019>', ' <0.030691>', ' <x>', '  <1>']);
const name = pick([
  'read',
  'openat',
  'rename',
  'futex',
  'connect',
  'sendto',
  'x86_64',
  '9p',
  'a b',
]);

const body = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(name, args, pick([') = ', ')  = ', ')=', ') ']), result, duration)
      .map((p) => `${p[0]}(${p[1]}${p[2]}${p[3]}${p[4]}`),
  },
  { weight: 2, arbitrary: fc.tuple(name, args).map(([n, a]) => `${n}(${a} <unfinished ...>`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(name, args, result, duration)
      .map(([n, a, r, d]) => `<... ${n} resumed>${a}) = ${r}${d}`),
  },
  {
    weight: 2,
    arbitrary: pick([
      '--- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=5, si_status=0} ---',
      '--- stopped by SIGSTOP ---',
      '+++ exited with 0 +++',
      '+++ killed by SIGKILL (core dumped) +++',
      'futex(0x1, FUTEX_WAIT, 0, NULL <detached ...>',
      '<... futex resumed> <unfinished ...>) = ?',
      '<detached ...>',
      'wait4(-1, strace: Process 9718 detached',
      'strace: Process 9718 attached',
    ]),
  },
);

const line = fc.tuple(leader, stamp, body).map(([l, s, b]) => l + s + b);
const mutation = mutationOf(
  ['"', ')', '(', ' = ', '<', '>', '\\', '{', ' ', '\x1b[31m', '\ufffd'],
  3,
);
const mutatedLine = fc
  .tuple(line, fc.array(mutation, { maxLength: 3 }))
  .map(([l, ms]) => ms.reduce(mutate, l));

describe('strace fast path', () => {
  it(
    "gives the general parser's event for every line it reads, and reads most realistic lines",
    () => {
      let read = 0;
      let total = 0;
      fc.assert(
        fc.property(fc.oneof(line, mutatedLine), (raw) => {
          const s = cleanLine(raw).trimEnd();
          if (s.includes('strace: ')) return;
          total++;
          const fast = fastStraceEvent(s);
          if (fast === null) return;
          read++;
          expect([fast]).toStrictEqual(eventsOfCleanLine(s));
        }),
        { numRuns: 5000 },
      );
      // The generator is mostly odd lines on purpose; the common ones are checked below.
      expect(read / total).toBeGreaterThan(0.1);
    },
    SLOW,
  );

  it.each([
    '[pid 11737] 15:09:54.051055 read(12, "GET /x HTTP/1.1\\r\\nHost: x\\r\\n"..., 65536) = 523 <0.000050>',
    '11735 15:09:54.051120 rename("/srv/a.1", "/srv/a.2") = -1 ENOENT (No such file or directory) <0.000019>',
    '[pid  4802] 15:09:54.051200 write(5, "f(x) = \\"y\\" ) = -1", 9) = 9 <0.000010>',
    '[pid 11740] 15:09:54.051200 futex(0x28598500, FUTEX_WAIT_BITSET_PRIVATE, 0, NULL <unfinished ...>',
    '[pid 11740] 15:09:54.081200 <... futex resumed>) = 0 <0.030000>',
    '15:09:54 connect(7, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("10.0.0.5")}, 16) = -1 ECONNREFUSED (Connection refused)',
    'epoll_wait(4, [{events=EPOLLIN, data={u32=9, u64=9}}], 1024, 0) = 1',
  ])('reads the common line %s as the general parser does', (s) => {
    const fast = fastStraceEvent(s);
    expect(fast).not.toBeNull();
    expect([fast]).toStrictEqual(eventsOfCleanLine(s));
  });

  it(
    'gives the same model over streams of such lines, however they are chunked',
    () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: mutatedLine }),
            {
              maxLength: 60,
            },
          ),
          pick(['\n', '\r\n']),
          fc.array(fc.nat(), { maxLength: 12 }),
          (lines, eol, rawCuts) => {
            const text = lines.join(eol);
            const cuts = rawCuts.map((c) => c % (text.length + 1));
            const fast = new StraceParser();
            for (const piece of piecesAt(text, cuts)) fast.push(piece);
            fast.end();
            const reference = new GeneralOnlyParser();
            reference.push(text);
            reference.end();
            expect(fast.internalErrors).toBe(0);
            expect(fast.snapshot()).toStrictEqual(reference.snapshot());
          },
        ),
        { numRuns: 400 },
      );
    },
    SLOW,
  );
});
