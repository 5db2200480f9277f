/**
 * The host side of the collapsed-stacks byte scanner (shared/parsers/collapsed/collapsedBytes.ts):
 * compiles the WebAssembly module once per thread and gives each parser its own instance. Where
 * WebAssembly is missing or refused (a content policy without 'wasm-unsafe-eval'), parsers get
 * no scanner and decode the bytes instead: same model, slower.
 */
import type { ByteReading, ScanMachine } from '../../shared/parsers/collapsed/collapsedBytes';
import { COLLAPSED_SCAN_WASM } from '../../shared/parsers/collapsed/collapsedScanWasm';

function hexBytes(hex: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** The start of the console warning when this thread cannot run the scanner. */
export const SCANNER_UNAVAILABLE = 'collapsed-stacks scanner unavailable, reading profiles as text';

let compiled: WebAssembly.Module | null | undefined;

function scanModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(hexBytes(COLLAPSED_SCAN_WASM));
    } catch (error) {
      compiled = null;
      // Once per thread: the profile is still read (decoded), more slowly; say why.
      console.warn(`${SCANNER_UNAVAILABLE}: ${String(error)}`);
    }
  }
  return compiled;
}

type NumberFunction = (...args: number[]) => number;

/** An exported function of the instance, called with numbers and giving a number. */
function exported(exports: WebAssembly.Exports, name: string): NumberFunction {
  const f = exports[name];
  if (typeof f !== 'function') throw new Error(`the scanner has no ${name}`);
  return (...args) => Number(Reflect.apply(f, undefined, args));
}

/** A new scanner instance (its own memory and frame table), or null. */
export function newScanMachine(given?: WebAssembly.Module): ScanMachine | null {
  const module = given ?? scanModule();
  if (!module) return null;
  try {
    const instance = new WebAssembly.Instance(module, {
      env: {
        abort: () => {
          throw new Error('collapsed scanner aborted');
        },
      },
    });
    const x = instance.exports;
    const memory = x['memory'];
    if (!(memory instanceof WebAssembly.Memory)) return null;
    const fn = (name: string): NumberFunction => exported(x, name);
    const noResult =
      (f: NumberFunction) =>
      (...args: number[]): void =>
        void f(...args);
    fn('init')();
    return {
      memory: () => memory.buffer,
      inputAt: fn('inputAt'),
      inputCapacity: fn('inputCapacity'),
      lineIdsAt: fn('lineIdsAt'),
      lineIdsCapacity: fn('lineIdsCapacity'),
      scratchAt: fn('scratchAt'),
      position: fn('position'),
      rewind: noResult(fn('rewind')),
      slowLineStart: fn('slowLineStart'),
      slowLineEnd: fn('slowLineEnd'),
      slowLineFrames: fn('slowLineFrames'),
      register: noResult(fn('register')),
      scan: fn('scan'),
      addStack: noResult(fn('addStack')),
      stackCount: fn('stackCount'),
      idCount: fn('idCount'),
      idsAt: fn('idsAt'),
      offsetsAt: fn('offsetsAt'),
      stackWeightsAt: fn('stackWeightsAt'),
      stackWeightsBAt: fn('stackWeightsBAt'),
      totalWeight: fn('totalWeight'),
      totalWeightB: fn('totalWeightB'),
    };
  } catch {
    return null;
  }
}

/** Byte reading for one parser: a scanner of its own when this thread can run one. */
export function collapsedByteReading(): ByteReading {
  return {
    machine: newScanMachine,
    decoder: () => new TextDecoder('utf-8', { ignoreBOM: true }),
  };
}
