/** User names and home directories seen in paths and `user@host`. */
import { pushValue } from './ruleHelpers';
import type { FoundValue } from './types';

const USER = '[a-z_][a-z0-9_.-]{0,31}';
const HOME_PATH = new RegExp(`(?<![\\w/])/(?:home|Users)/(${USER})(?![\\w.-])`, 'gi');
// user@host, as in ssh targets and prompts (not gdb's `flags@entry=1`); `scheme://user:pw@` is covered by the URL rule below.
const USER_AT_HOST = new RegExp(
  `(?<![\\w.@-])(${USER})@(?!entry\\b)[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253})`,
  'g',
);
const URL_USER = /\b[a-z][a-z0-9+.-]{1,20}:\/\/([^\s:/@"'\\]{1,100})(?::[^\s@/"'\\]{0,200})?@/gi;

export function findHomePaths(text: string, out: FoundValue[]): void {
  for (const match of text.matchAll(HOME_PATH)) pushValue(out, 'homePath', 'home-path', match[0]);
}

export function findUserNames(text: string, out: FoundValue[]): void {
  for (const match of text.matchAll(HOME_PATH))
    pushValue(out, 'user', 'home-path-user', match[1] ?? '');
  for (const match of text.matchAll(USER_AT_HOST))
    pushValue(out, 'user', 'user-at-host', match[1] ?? '');
  for (const match of text.matchAll(URL_USER)) pushValue(out, 'user', 'url-user', match[1] ?? '');
}
