import type { ITheme } from '@xterm/xterm';

/** Calm dark palette shared by every pane; bright colours stay readable for tool output. */
export const terminalTheme: ITheme = {
  background: '#111317',
  foreground: '#d7dae0',
  cursor: '#e5c07b',
  selectionBackground: '#3b4252',
  black: '#1c1f24',
  red: '#e06c75',
  green: '#98c379',
  yellow: '#e5c07b',
  blue: '#61afef',
  magenta: '#c678dd',
  cyan: '#56b6c2',
  white: '#d7dae0',
  brightBlack: '#5c6370',
  brightRed: '#ff7a85',
  brightGreen: '#b5e08f',
  brightYellow: '#ffd787',
  brightBlue: '#7cc4ff',
  brightMagenta: '#e09cff',
  brightCyan: '#7fd8e3',
  brightWhite: '#ffffff',
};
