import { CaptureParams, RECIPE_IDS, type RecipeId } from '../../../shared/captures/recipes';

/** What the dialog's fields hold: strings as typed, turned into validated params on demand. */
export interface CaptureFormValues {
  recipe: RecipeId;
  pid: string;
  interval: string;
  locals: boolean;
  every: string;
  duration: string;
  rate: string;
  gil: boolean;
  idle: boolean;
  stringLimit: string;
  followThreads: boolean;
  seconds: string;
  path: string;
  threads: boolean;
  logFormat: string;
}

export const defaultFormValues = (recipe: RecipeId, pid = ''): CaptureFormValues => ({
  recipe,
  pid,
  interval: recipe === 'host-overview' ? '2' : '1',
  locals: false,
  every: '',
  duration: '10',
  rate: '100',
  gil: false,
  idle: false,
  stringLimit: '64',
  followThreads: true,
  seconds: '10',
  path: recipe === 'nginx-error' ? '/var/log/nginx/error.log' : '/var/log/nginx/access.log',
  threads: false,
  logFormat: '',
});

export const recipeNeedsPid = (recipe: RecipeId): boolean =>
  !['host-overview', 'ps', 'ss', 'nginx-access', 'nginx-error'].includes(recipe);

export const RECIPE_ORDER: readonly RecipeId[] = RECIPE_IDS;

const num = (text: string) => (text.trim() === '' ? undefined : Number(text));

/** The form as capture params, or the first reason it is not valid yet. */
export function formToParams(
  v: CaptureFormValues,
): { ok: true; params: CaptureParams } | { ok: false; reason: string } {
  const pid = num(v.pid);
  const candidate: Record<string, unknown> = { recipe: v.recipe };
  if (recipeNeedsPid(v.recipe)) candidate.pid = pid;
  switch (v.recipe) {
    case 'host-overview':
    case 'threads':
      candidate.intervalSeconds = num(v.interval);
      break;
    case 'pyspy-dump':
      candidate.locals = v.locals;
      candidate.everySeconds = num(v.every) ?? null;
      break;
    case 'pyspy-record':
      Object.assign(candidate, {
        durationSeconds: num(v.duration),
        rate: num(v.rate),
        gil: v.gil,
        idle: v.idle,
      });
      break;
    case 'strace':
      candidate.stringLimit = num(v.stringLimit);
      candidate.followThreads = v.followThreads;
      break;
    case 'strace-summary':
      candidate.seconds = num(v.seconds);
      break;
    case 'ps':
      candidate.threads = v.threads;
      break;
    case 'nginx-access':
      candidate.path = v.path.trim();
      candidate.logFormat = v.logFormat.trim();
      break;
    case 'nginx-error':
      candidate.path = v.path.trim();
      break;
  }
  const parsed = CaptureParams.safeParse(candidate);
  if (parsed.success) return { ok: true, params: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') ?? '';
  return {
    ok: false,
    reason:
      field === 'pid'
        ? 'Pick a process (PID).'
        : `${field || 'input'}: ${issue?.message ?? 'invalid'}`,
  };
}
