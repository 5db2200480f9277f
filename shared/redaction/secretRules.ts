/**
 * Tokens, passwords and keys. The vendor token shapes are ported from secretlint's recommended
 * preset (MIT, see docs/redaction.md); the rest are for what this app captures: strace string
 * buffers, py-spy --locals, URLs and terminal transcripts.
 */
import { pushValue, runPatternRule, type PatternRule } from './ruleHelpers';
import type { FoundValue } from './types';

const rule = (name: string, pattern: RegExp, group = 0): PatternRule => ({
  name,
  kind: 'secret',
  pattern,
  group,
});

// A header or query value ends at whitespace, a quote, a backslash (strace's \r\n, \", \33) or `&`.
const VALUE_END = '[^\\s"\'\\\\&;,<>]';
// Names that say their value is secret; the name must end with the word (token_count is no token).
const SECRET_NAME =
  '(?:[A-Za-z_][\\w.-]{0,40}?)?(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|auth)';

const VENDOR_RULES: readonly PatternRule[] = [
  rule('aws-access-key-id', /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b/g),
  rule(
    'aws-secret-access-key',
    /aws_?secret_?access_?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    1,
  ),
  rule('gcp-api-key', /\bAIza[0-9A-Za-z_-]{35}(?![\w-])/g),
  rule('github-token', /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255}\b/g),
  rule('github-fine-grained-token', /\bgithub_pat_[A-Za-z0-9_]{22,255}\b/g),
  rule('slack-token', /\bxox[abposr]-[0-9A-Za-z-]{10,250}/g),
  rule('slack-webhook', /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/-]{20,200}/g),
  rule('npm-token', /\bnpm_[A-Za-z0-9]{36}\b/g),
  rule('npmrc-auth-token', /_authToken\s*=\s*([^\s"'\\]{8,})/g, 1),
  // A whole PEM block; strace shows its newlines as \n and may cut it off (no END line then).
  rule(
    'private-key',
    /-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,20000}?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----|[^"\r\n]{0,20000})/g,
  ),
  // scheme://user:password@host: the password (the user is found by the user rules).
  rule(
    'basic-auth-url',
    /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@"'\\]{1,100}:([^\s@/"'\\]{1,200})@/gi,
    1,
  ),
];

const APP_RULES: readonly PatternRule[] = [
  // Authorization: Bearer x / Basic x: one token68 credential; the scheme word stays readable.
  rule(
    'http-authorization',
    // No \\b: in strace buffers the header follows a literal \\n.
    new RegExp(
      `(?:Proxy-)?Authorization:[ \\t]*(?:Bearer|Basic|Token|Negotiate|NTLM)[ \\t]+([^\\s"\\\\]{1,4000})`,
      'gi',
    ),
    1,
  ),
  // Digest, AWS signatures or no scheme: parameters with spaces, so the rest of the header line.
  rule(
    'http-authorization',
    new RegExp(
      `(?:Proxy-)?Authorization:[ \\t]*(?!(?:Bearer|Basic|Token|Negotiate|NTLM)[ \\t])(?:(?:Digest|AWS4-HMAC-SHA256)[ \\t]+)?(${VALUE_END}[^"\\\\\\r\\n]{0,4000})`,
      'gi',
    ),
    1,
  ),
  rule(
    'http-api-key-header',
    new RegExp(
      `X-(?:Api-Key|Auth-Token|Access-Token|CSRF-Token|XSRF-Token):[ \\t]*(${VALUE_END}{3,4000})`,
      'gi',
    ),
    1,
  ),
  rule(
    'url-query-token',
    new RegExp(
      `[?&;](?:token|access_token|refresh_token|id_token|auth|auth_token|api_key|apikey|key|sig|signature|password|passwd|secret|client_secret|session|sessionid|code|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|X-Goog-Signature|X-Goog-Credential)=(${VALUE_END}{1,4000})`,
      'gi',
    ),
    1,
  ),
  // name: value, name=value, "name": "value": env dumps, py-spy --locals, JSON, form bodies.
  rule(
    'secret-assignment',
    new RegExp(
      `(?<![\\w-])(?:${SECRET_NAME})s?["']?[ \\t]*[:=][ \\t]*("[^"\\\\\\r\\n]{1,4000}"|'[^'\\\\\\r\\n]{1,4000}'|${VALUE_END}{1,4000})`,
      'gi',
    ),
    1,
  ),
  // What was typed after a prompt, where the terminal echoed it (a transcript's text).
  rule(
    'password-prompt-answer',
    /(?:^|[\r\n])[^\r\n:]{0,80}?\b(?:password|passphrase|passcode)\b[^\r\n:]{0,80}:[ \t]*([^\r\n]{1,4000})/gi,
    1,
  ),
];

const COOKIE_HEADER = /(Set-)?Cookie:[ \t]*([^"\\\r\n]{1,8000})/gi;
const COOKIE_ATTRIBUTES = new Set([
  'path',
  'domain',
  'expires',
  'max-age',
  'samesite',
  'secure',
  'httponly',
  'priority',
  'partitioned',
]);

/** Cookie values are secret, their names and Set-Cookie attributes are not. */
function findCookieValues(text: string, out: FoundValue[]): void {
  for (const match of text.matchAll(COOKIE_HEADER)) {
    const isSetCookie = match[1] !== undefined;
    const pairs = (match[2] ?? '').split(';');
    for (const [index, pair] of pairs.entries()) {
      const equals = pair.indexOf('=');
      const name = (equals < 0 ? pair : pair.slice(0, equals)).trim().toLowerCase();
      if (isSetCookie && index > 0 && COOKIE_ATTRIBUTES.has(name)) continue;
      if (equals >= 0)
        pushValue(
          out,
          'secret',
          isSetCookie ? 'http-set-cookie' : 'http-cookie',
          pair.slice(equals + 1),
        );
    }
  }
}

export function findSecrets(text: string, out: FoundValue[]): void {
  for (const each of VENDOR_RULES) runPatternRule(text, each, out);
  for (const each of APP_RULES) runPatternRule(text, each, out);
  findCookieValues(text, out);
}
