/**
 * speedscope's file format (`src/lib/file-format-spec.ts`, v1.25): import `sampled` and `evented`
 * profiles into StackSamples, export StackSamples as one `sampled` profile. Reference:
 * docs/tool-output-formats.md §1.3 (and §1.1.8 for py-spy's flavour: one
 * sampled profile per thread, unit seconds, weights 1/rate).
 *
 *   {"$schema":"https://www.speedscope.app/file-format-schema.json",
 *    "shared":{"frames":[{"name":"work","file":"/srv/lab/gil.py","line":5,"col":null}]},
 *    "profiles":[{"type":"sampled","name":"Thread 11749 \"worker-0\"","unit":"seconds",
 *                 "startValue":0,"endValue":9.07,"samples":[[0,1,2]],"weights":[0.01]}], …}
 *
 * Input is never trusted: every field is checked by hand (a 1M-sample file is too big for a
 * schema library to walk quickly) and problems come back as a reason, never thrown.
 */
import type { Result } from '../../util/result';
import { StackSamplesBuilder, type StackFrame, type StackSamples } from './stackSamples';

export const SPEEDSCOPE_SCHEMA = 'https://www.speedscope.app/file-format-schema.json';

export type SpeedscopeUnit =
  'none' | 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds' | 'bytes';
const UNITS: readonly string[] = [
  'none',
  'nanoseconds',
  'microseconds',
  'milliseconds',
  'seconds',
  'bytes',
];

export interface SpeedscopeFrame {
  name: string;
  file?: string;
  line?: number;
  col?: number;
}

export interface SpeedscopeSampledProfile {
  type: 'sampled';
  name: string;
  unit: SpeedscopeUnit;
  startValue: number;
  endValue: number;
  samples: number[][];
  weights: number[];
}

export interface SpeedscopeFile {
  $schema: typeof SPEEDSCOPE_SCHEMA;
  shared: { frames: SpeedscopeFrame[] };
  profiles: SpeedscopeSampledProfile[];
  name?: string;
  activeProfileIndex?: number;
  exporter?: string;
}

export interface ImportedProfile {
  name: string;
  type: 'sampled' | 'evented';
  unit: SpeedscopeUnit;
  /** Stacks root first; for evented profiles weights are the time spent with that stack open. */
  samples: StackSamples;
}

export interface SpeedscopeImport {
  name?: string;
  exporter?: string;
  profiles: ImportedProfile[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The file's frame table, validated. */
function readFrames(shared: unknown): StackFrame[] | string {
  if (!isObj(shared) || !Array.isArray(shared.frames)) return 'shared.frames is not an array';
  const frames: StackFrame[] = [];
  for (let i = 0; i < shared.frames.length; i++) {
    const f: unknown = shared.frames[i];
    if (!isObj(f) || typeof f.name !== 'string') return `shared.frames[${i}] has no name`;
    const frame: StackFrame = { name: f.name };
    if (typeof f.file === 'string') frame.file = f.file;
    if (finite(f.line)) frame.line = f.line;
    frames.push(frame);
  }
  return frames;
}

/** Maps file frame indexes to our deduplicated ids (speedscope files often repeat frames). */
function frameMapper(frames: StackFrame[], b: StackSamplesBuilder): (i: number) => number {
  const ids = new Int32Array(frames.length).fill(-1);
  return (i) => {
    let id = ids[i] ?? -1;
    if (id < 0) {
      const f = frames[i] as StackFrame;
      id = b.frameId(`${f.name}\u0000${f.file ?? ''}\u0000${f.line ?? ''}`, () => ({ ...f }));
      ids[i] = id;
    }
    return id;
  };
}

function isIndex(v: unknown, n: number): v is number {
  return Number.isInteger(v) && (v as number) >= 0 && (v as number) < n;
}

function importSampled(p: Obj, frames: StackFrame[], b: StackSamplesBuilder): string | null {
  const { samples, weights } = p;
  if (!Array.isArray(samples) || !Array.isArray(weights)) return 'samples/weights missing';
  if (samples.length !== weights.length) return 'samples and weights differ in length';
  const id = frameMapper(frames, b);
  for (let s = 0; s < samples.length; s++) {
    const stack: unknown = samples[s];
    const w: unknown = weights[s];
    if (!Array.isArray(stack) || !finite(w) || w < 0) return `sample ${s} is malformed`;
    const ids: number[] = new Array<number>(stack.length);
    for (let k = 0; k < stack.length; k++) {
      const f: unknown = stack[k];
      if (!isIndex(f, frames.length)) return `sample ${s} names a frame out of range`;
      ids[k] = id(f);
    }
    if (ids.length > 0) b.addStack(ids, w);
  }
  return null;
}

function importEvented(p: Obj, frames: StackFrame[], b: StackSamplesBuilder): string | null {
  if (!Array.isArray(p.events)) return 'events missing';
  const id = frameMapper(frames, b);
  const open: number[] = [];
  let last = finite(p.startValue) ? p.startValue : 0;
  for (let e = 0; e < p.events.length; e++) {
    const ev: unknown = p.events[e];
    if (!isObj(ev) || (ev.type !== 'O' && ev.type !== 'C') || !finite(ev.at)) {
      return `event ${e} is malformed`;
    }
    if (!isIndex(ev.frame, frames.length)) return `event ${e} names a frame out of range`;
    if (ev.at < last) return `event ${e} goes back in time`;
    if (open.length > 0 && ev.at > last) b.addStack(open.map(id), ev.at - last);
    last = ev.at;
    if (ev.type === 'O') open.push(ev.frame);
    else if (open.pop() !== ev.frame) return `event ${e} closes a frame that is not on top`;
  }
  if (open.length > 0) return 'events left frames open';
  return null;
}

/** Imports a parsed speedscope JSON document. */
export function fromSpeedscope(json: unknown): Result<SpeedscopeImport> {
  if (!isObj(json)) return { ok: false, reason: 'not a JSON object' };
  if (json.$schema !== SPEEDSCOPE_SCHEMA) return { ok: false, reason: 'not a speedscope file' };
  const frames = readFrames(json.shared);
  if (typeof frames === 'string') return { ok: false, reason: frames };
  if (!Array.isArray(json.profiles)) return { ok: false, reason: 'profiles is not an array' };
  const out: SpeedscopeImport = { profiles: [] };
  if (typeof json.name === 'string') out.name = json.name;
  if (typeof json.exporter === 'string') out.exporter = json.exporter;
  for (let i = 0; i < json.profiles.length; i++) {
    const p: unknown = json.profiles[i];
    if (!isObj(p) || (p.type !== 'sampled' && p.type !== 'evented')) {
      return { ok: false, reason: `profiles[${i}]: unknown profile type` };
    }
    const unit = typeof p.unit === 'string' && UNITS.includes(p.unit) ? p.unit : 'none';
    const b = new StackSamplesBuilder();
    const err = p.type === 'sampled' ? importSampled(p, frames, b) : importEvented(p, frames, b);
    if (err !== null) return { ok: false, reason: `profiles[${i}]: ${err}` };
    out.profiles.push({
      name: typeof p.name === 'string' ? p.name : `profile ${i}`,
      type: p.type,
      unit: unit as SpeedscopeUnit,
      samples: b.build(false),
    });
  }
  return { ok: true, value: out };
}

/** Sums several imported profiles (e.g. py-spy's one-per-thread) into one StackSamples. */
export function mergeProfiles(profiles: readonly ImportedProfile[]): StackSamples {
  const b = new StackSamplesBuilder();
  for (const p of profiles) {
    const { frames, stacks } = p.samples;
    const ids = frames.map((f) =>
      b.frameId(`${f.name}\u0000${f.file ?? ''}\u0000${f.line ?? ''}`, () => ({ ...f })),
    );
    for (const s of stacks)
      b.addStack(
        s.frameIds.map((i) => ids[i] ?? 0),
        s.weight,
      );
  }
  return b.build(false);
}

/** Exports `samples` as a speedscope file with one sampled profile (weights as given, unit none). */
export function toSpeedscope(
  samples: StackSamples,
  name: string,
  unit: SpeedscopeUnit = 'none',
): SpeedscopeFile {
  return {
    $schema: SPEEDSCOPE_SCHEMA,
    shared: {
      frames: samples.frames.map((f) => {
        const frame: SpeedscopeFrame = { name: f.name };
        if (f.file !== undefined) frame.file = f.file;
        if (f.line !== undefined) frame.line = f.line;
        return frame;
      }),
    },
    profiles: [
      {
        type: 'sampled',
        name,
        unit,
        startValue: 0,
        endValue: samples.totalWeight,
        samples: samples.stacks.map((s) => [...s.frameIds]),
        weights: samples.stacks.map((s) => s.weight),
      },
    ],
    name,
    activeProfileIndex: 0,
    exporter: 'incident-workbench',
  };
}
