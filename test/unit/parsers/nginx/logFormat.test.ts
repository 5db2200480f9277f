/** `log_format` strings compiled to line parsers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMBINED_FORMAT,
  compileLogFormat,
  parseTimeLocal,
  splitUpstreamList,
  unwrapLogFormatDirective,
  upstreamAddressOfUrl,
} from '../../../../shared/parsers/nginx';
import { NGINX_LAB_LOG_FORMAT } from '../../../lab/nginxLab';
import { readLocalFixture } from '../../fixturePath';

const COMBINED_LINE =
  '203.0.113.9 - alice [01/May/2024:12:00:00 +0200] "GET /api/x?q=\\x22a b\\x22 HTTP/1.1" 200 512 "https://ex.com/a b" "Mozilla/5.0 (X11; Linux x86_64)"';

describe('compileLogFormat', () => {
  it('combined: every field, quoted ones with spaces and escaped quotes', () => {
    const f = compileLogFormat(COMBINED_FORMAT);
    expect(f.variables).toEqual([
      ...['remote_addr', 'remote_user', 'time_local', 'request', 'status', 'body_bytes_sent'],
      ...['http_referer', 'http_user_agent'],
    ]);
    expect({ ...f.parse(COMBINED_LINE) }).toEqual({
      remote_addr: '203.0.113.9',
      remote_user: 'alice',
      time_local: '01/May/2024:12:00:00 +0200',
      request: 'GET /api/x?q=\\x22a b\\x22 HTTP/1.1',
      status: '200',
      body_bytes_sent: '512',
      http_referer: 'https://ex.com/a b',
      http_user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
    });
    expect(f.parse(`${COMBINED_LINE} extra`)).toBeNull();
    expect(
      compileLogFormat(COMBINED_FORMAT, { allowTrailing: true }).parse(`${COMBINED_LINE} rt=0.1`),
    ).not.toBeNull();
  });

  it('the lab format: unquoted upstream lists with ", " inside', () => {
    const f = compileLogFormat(NGINX_LAB_LOG_FORMAT);
    const line = readLocalFixture('nginx', 'lab-access-upstreaminfo.log').split('\n')[48] ?? '';
    expect(f.parse(line)).toMatchObject({
      request_time: '2.755',
      upstream_addr: '127.0.0.1:34995, 127.0.0.1:36523',
      upstream_response_length: '0, 63',
      upstream_response_time: '0.005, 2.749',
      upstream_status: '502, 200',
    });
  });

  it('" : " separates upstream groups after an internal redirect', () => {
    const f = compileLogFormat(
      '$status $upstream_addr $upstream_response_time $upstream_status $request_time',
    );
    expect(
      f.parse('200 a:80, b:80 : unix:/run/x.sock 0.001, - : 0.300 502, 504 : 200 0.302'),
    ).toMatchObject({
      upstream_addr: 'a:80, b:80 : unix:/run/x.sock',
      upstream_response_time: '0.001, - : 0.300',
      upstream_status: '502, 504 : 200',
      request_time: '0.302',
    });
  });

  it('accepts a pasted directive, ${var}, escape=json and regex characters in literals', () => {
    const directive = `log_format  json escape=json '{"t":"$time_iso8601","ua":"\${upstream_addr}",'
                      '"rt":$request_time,"s":$status,"r":"$request"} (|*+?)';`;
    const f = compileLogFormat(directive);
    expect(f.format).toBe(
      '{"t":"$time_iso8601","ua":"${upstream_addr}","rt":$request_time,"s":$status,"r":"$request"} (|*+?)',
    );
    expect(f.variables).toEqual([
      'time_iso8601',
      'upstream_addr',
      'request_time',
      'status',
      'request',
    ]);
    const line =
      '{"t":"2024-05-01T12:00:00+00:00","ua":"10.0.0.1:80, 10.0.0.2:80","rt":1.5,"s":200,"r":"GET /a\\"b HTTP/1.1"} (|*+?)';
    expect({ ...f.parse(line) }).toEqual({
      time_iso8601: '2024-05-01T12:00:00+00:00',
      upstream_addr: '10.0.0.1:80, 10.0.0.2:80',
      request_time: '1.5',
      status: '200',
      request: 'GET /a\\"b HTTP/1.1',
    });
    expect(unwrapLogFormatDirective('$a $b')).toBe('$a $b');
  });

  it('a variable used twice keeps its first value; the fields object has no prototype', () => {
    const f = compileLogFormat('$status $__proto__ $status');
    const fields = f.parse('200 x 404');
    expect(fields?.['status']).toBe('200');
    expect(fields?.['__proto__']).toBe('x');
    expect(Object.getPrototypeOf(fields)).toBeNull();
  });

  it('never throws, whatever the format and the line', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ...[
          '$status',
          '$upstream_addr',
          '$time_local',
          '${request}',
          '$a',
          '$',
          '"',
          ' ',
          '[',
          ']',
          ', ',
          ' : ',
          '\\',
        ],
      ),
      fc.string({ maxLength: 4 }),
    );
    const format = fc.array(piece, { maxLength: 12 }).map((p) => p.join(''));
    const line = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(piece, { maxLength: 30 }).map((p) => p.join('')),
      fc.constant(COMBINED_LINE),
    );
    fc.assert(
      fc.property(format, line, (format, line) => {
        const f = compileLogFormat(format);
        f.parse(line);
        f.parse(format);
      }),
      { numRuns: 300 },
    );
  });
});

describe('values', () => {
  it.each([
    ['01/May/2024:12:00:00 +0000', Date.UTC(2024, 4, 1, 12) / 1000],
    ['01/May/2024:12:00:00 +0200', Date.UTC(2024, 4, 1, 10) / 1000],
    ['23/Nov/2026:08:33:46 -0130', Date.UTC(2026, 10, 23, 10, 3, 46) / 1000],
    ['01/Foo/2024:12:00:00 +0000', null],
    ['garbage', null],
  ])('time_local %s', (text, epoch) => expect(parseTimeLocal(text)).toBe(epoch));

  it('splits upstream lists', () => {
    expect(splitUpstreamList('a:80, b:80 : c:80')).toEqual(['a:80', 'b:80', 'c:80']);
    expect(splitUpstreamList('-')).toEqual(['-']);
    expect(splitUpstreamList('')).toEqual([]);
    expect(splitUpstreamList(undefined)).toEqual([]);
  });

  it.each([
    ['http://127.0.0.1:8001/api/health', '127.0.0.1:8001'],
    ['http://{ip}:30016/retrieval/apple_health_data', '{ip}:30016'],
    ['http://unix:/run/app.sock:/api', 'unix:/run/app.sock'],
    ['fastcgi://[::1]:9000', '[::1]:9000'],
    ['http://backends/api', 'backends'],
  ])('upstream URL %s', (url, addr) => expect(upstreamAddressOfUrl(url)).toBe(addr));
});
