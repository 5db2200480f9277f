import type { ParserEnv, ParserOptions } from '../../shared/captures/captureKinds';
import { FlameCapture } from './flameCapture';
import { ScreenParser } from './screenParser';

/** What the registry's parsers get from the worker: a headless terminal and the flame builder. */
export const workerParserEnv: ParserEnv = {
  screen: (read, options: ParserOptions) =>
    new ScreenParser((lines) => read(lines), options.savedText ? { savedText: true } : {}),
  flame: (options) => new FlameCapture({ ungated: Boolean(options.ungated) }),
};
