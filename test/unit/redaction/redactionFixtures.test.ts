import { describe, expect, it } from 'vitest';
import { applyRedactions, findRedactions, type RedactionPlan } from '../../../shared/redaction';
import { readLocalFixture, readSharedFixture } from '../fixturePath';

const values = (plan: RedactionPlan): string[] => plan.entries.map((entry) => entry.value).sort();

// A strace -s 256 line of an HTTP request written to a socket: escapes as strace prints them.
const STRACE_REQUEST =
  '12:00:01.000001 write(7, "GET /v1/items?id=4&access_token=tok_9f8e7d6c5b&page=2 HTTP/1.1\\r\\nHost: api.shop.example.com\\r\\n' +
  'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig\\r\\nCookie: sessionid=abcdef123456; csrftoken=Zz9Yy8Xx\\r\\n' +
  'User-Agent: \\33[1mcurl/8.5.0\\r\\n\\r\\n"..., 256) = 256 <0.000031>';
const STRACE_RESPONSE =
  '12:00:01.000200 read(7, "HTTP/1.1 200 OK\\r\\nSet-Cookie: sessionid=n3wS3ss10n; Path=/; HttpOnly; Max-Age=3600\\r\\nContent-Len"..., 64) = 64';
// Truncated inside the token: what strace kept is what must go.
const STRACE_TRUNCATED =
  '12:00:02 sendto(9, "POST /login HTTP/1.1\\r\\nAuthorization: Basic YWxpY2U6aHVu"..., 32, 0, NULL, 0) = 32';

describe('redaction on captured tool output', () => {
  it('finds header values, query tokens and the host inside strace string buffers', () => {
    const texts = [STRACE_REQUEST, STRACE_RESPONSE, STRACE_TRUNCATED];
    const plan = findRedactions(texts);
    expect(values(plan)).toEqual(
      [
        'tok_9f8e7d6c5b',
        'api.shop.example.com',
        'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
        'abcdef123456',
        'Zz9Yy8Xx',
        'n3wS3ss10n',
        'YWxpY2U6aHVu',
      ].sort(),
    );
    const out = texts.map((text) => applyRedactions(text, plan)).join('\n');
    expect(out).toContain('Authorization: Bearer <secret-');
    expect(out).toContain('Set-Cookie: sessionid=<secret-');
    expect(out).toContain('Path=/; HttpOnly; Max-Age=3600');
    expect(out).toContain('\\33[1mcurl/8.5.0');
    expect(out).toContain('"..., 32, 0, NULL, 0) = 32');
  });

  it('ends a Bearer or Basic credential at the first space, so the prose after it stays', () => {
    const note = 'Replayed with Authorization: Bearer abc.def-123 from the laptop, then Basic';
    const basic = 'Authorization: Basic YWxpY2U6aHVudGVyMg== was sent';
    const plan = findRedactions([note, basic]);
    expect(applyRedactions(note, plan)).toBe(
      'Replayed with Authorization: Bearer <secret-1> from the laptop, then Basic',
    );
    expect(applyRedactions(basic, plan)).toBe('Authorization: Basic <secret-2> was sent');
  });

  it('finds py-spy --locals values whose names look secret, not the others', () => {
    const dump = readLocalFixture('pyspy', 'dump-locals-seed000.txt');
    const planted =
      "    login (app.py:12)\n        Arguments:\n            password: 'hunter2!'\n        Locals:\n" +
      '            db_token: "s.8KfJ2mQ"\n            api_key: \'AKIAABCDEFGHIJKLMNOP\'\n            token_count: 17\n            secret: None\n';
    const plan = findRedactions([dump + planted]);
    expect(values(plan)).toEqual(
      ['127.0.0.1', 'AKIAABCDEFGHIJKLMNOP', 'hunter2!', 's.8KfJ2mQ'].sort(),
    );
    const out = applyRedactions(planted, plan);
    expect(out).toContain("password: '<secret-");
    expect(out).toContain('token_count: 17');
  });

  it('does not take versions, times, PIDs, syscall numbers or pointers for addresses or secrets', () => {
    const texts = [
      readLocalFixture('strace', 'threads-f-tt-T-s64-o.txt'),
      readLocalFixture('strace', 'threads-c-f.txt'),
      readLocalFixture('pyspy', 'dump-locals-seed000.txt'),
      readLocalFixture('nginx', 'lab-access-combined.log'),
      readLocalFixture('ps', 'ps-aux.txt'),
      readLocalFixture('gdb', 'py-bt-odd-threads.txt'),
    ];
    const plan = findRedactions(texts);
    // Only the lab's own addresses: no 3.11.2, 10:41:02, 0x7fa0…, gdb's flags@entry.
    expect(values(plan)).toEqual(['0.0.0.0', '127.0.0.1']);
  });

  it('finds users and home paths in ps output and user@host prompts, and context names', () => {
    const ps =
      readLocalFixture('ps', 'ps-aux.txt') +
      'deploy    4242  0.0  0.1  10000  2000 ?  S  07:40  0:00 python3 /home/deploy/svc/run.py --cfg /home/deploy/.cfg\n';
    const prompt = 'deploy@web-7.prod.example.net:~$ ssh ops@10.20.30.40\n';
    const plan = findRedactions(
      [ps, prompt],
      {},
      { hostNames: ['web-7', '10.20.30.41'], userNames: ['rancher'] },
    );
    expect(values(plan)).toEqual(
      [
        '/home/deploy',
        '0.0.0.0',
        '10.20.30.40',
        '10.20.30.41',
        '127.0.0.1',
        'deploy',
        'ops',
        'rancher',
        'web-7',
        'web-7.prod.example.net',
      ].sort(),
    );
    const byValue = new Map(plan.entries.map((entry) => [entry.value, entry]));
    expect(byValue.get('/home/deploy')?.count).toBe(2);
    expect(byValue.get('10.20.30.41')?.kind).toBe('ip');
    expect(applyRedactions(prompt, plan)).toBe('<user-1>@<host-1>:~$ ssh <user-2>@<ip-3>\n');
  });

  it('finds the answer echoed after a password prompt in a terminal transcript', () => {
    const transcript =
      readSharedFixture('gdb-py-bt-gil-threads.txt').slice(0, 2000) +
      '\r\n[sudo] password for ops: s3cret-Pass\r\nSorry, try again.\r\n';
    const plan = findRedactions([transcript], { kinds: { user: false, ip: false } });
    expect(values(plan)).toEqual(['s3cret-Pass']);
  });

  it('switches kinds off', () => {
    const plan = findRedactions([STRACE_REQUEST + ' 10.1.2.3'], {
      kinds: { secret: false, host: false },
    });
    expect(values(plan)).toEqual(['10.1.2.3']);
  });

  it('finds IPv6 addresses but not times or MAC addresses', () => {
    const text =
      'connect(3, {sa_family=AF_INET6, sin6_port=htons(80), inet_pton(AF_INET6, "2001:db8::8a2e:370:7334"} ::1 fe80::1%eth0 ::ffff:192.0.2.1 at 10:41:02 mac 52:54:00:12:34:56 std::vector';
    expect(values(findRedactions([text]))).toEqual(
      // The embedded IPv4 is found too; the longer value wins where both match.
      ['192.0.2.1', '2001:db8::8a2e:370:7334', '::1', '::ffff:192.0.2.1', 'fe80::1'].sort(),
    );
  });

  it('gives the same value the same placeholder across texts, numbered by first appearance', () => {
    const plan = findRedactions(['from 10.0.0.2 and 10.0.0.1', 'again 10.0.0.1']);
    expect(plan.entries.map((entry) => [entry.value, entry.placeholder, entry.positions])).toEqual([
      ['10.0.0.2', '<ip-1>', [[5], []]],
      ['10.0.0.1', '<ip-2>', [[18], [6]]],
    ]);
    expect(applyRedactions('again 10.0.0.1', plan)).toBe('again <ip-2>');
  });

  it('replaces the longest value first, so a name inside a path does not split the path', () => {
    const texts = ['cd /home/alice/src && ls /home/alice', 'alice logged in'];
    const plan = findRedactions(texts, {}, { userNames: ['alice'] });
    expect(texts.map((text) => applyRedactions(text, plan))).toEqual([
      'cd <home-1>/src && ls <home-1>',
      '<user-1> logged in',
    ]);
  });
});
