import { useEffect, useMemo, useState } from 'react';
import type { StackTree } from '../../../shared/flame/stackTree';
import { diffTrees } from '../../captures/parseStreams';
import { FlameGraph } from '../flame/FlameGraph';
import { useFlameSources, type FlameSource } from './flameSources';

interface Props {
  /** This flame graph's parse stream, left out of the choices. */
  sourceId: string;
  tree: StackTree;
  title: string;
  startedAt: number;
  /** `tree` is a preview: see FlameGraph. */
  preview?: boolean;
}

interface Comparison {
  otherId: string;
  /** True when the other profile is the "before" one. */
  otherIsBefore: boolean;
}

type DiffState =
  | { status: 'idle' }
  | { status: 'building' }
  | { status: 'ready'; tree: StackTree }
  | { status: 'failed'; message: string };

/**
 * A flame graph that can be compared with another one the app holds (before and after a fix):
 * pick the other profile, and the graph becomes the diff, red where the share of samples grew,
 * blue where it shrank. The diff tree is built in the worker; the view stays usable meanwhile.
 */
export function ComparableFlame({ sourceId, tree, title, startedAt, preview }: Props) {
  const sources = useFlameSources();
  const others = sources.filter((s) => s.id !== sourceId);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const other = comparison ? others.find((s) => s.id === comparison.otherId) : undefined;
  const otherTree = useMemo(() => other?.tree() ?? null, [other]);
  const [diff, setDiff] = useState<DiffState>({ status: 'idle' });

  useEffect(() => {
    if (!comparison || !otherTree) {
      setDiff({ status: 'idle' });
      return;
    }
    let current = true;
    setDiff({ status: 'building' });
    const [before, after] = comparison.otherIsBefore ? [otherTree, tree] : [tree, otherTree];
    diffTrees(before, after).then(
      (built) => current && setDiff({ status: 'ready', tree: built }),
      (error: unknown) =>
        current &&
        setDiff({
          status: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      current = false;
    };
  }, [comparison, otherTree, tree]);

  const choose = (id: string) => {
    const picked = others.find((s) => s.id === id);
    setComparison(picked ? { otherId: id, otherIsBefore: picked.startedAt <= startedAt } : null);
  };
  const comparing = comparison && other;
  const shown = comparing && diff.status === 'ready' ? diff.tree : tree;
  // The pair is named in the compare control; the graph's own title stays short.
  const shownTitle = comparing ? 'before-after diff' : title;

  const control = (
    <div className="flame-compare" role="group" aria-label="Compare">
      {comparing ? (
        <CompareStatus
          comparison={comparison}
          other={other}
          title={title}
          diff={diff}
          onSwap={() => setComparison({ ...comparison, otherIsBefore: !comparison.otherIsBefore })}
          onStop={() => setComparison(null)}
        />
      ) : (
        <select
          aria-label="Compare with"
          value=""
          disabled={others.length === 0}
          title={
            others.length === 0
              ? 'Record or paste another profile (or take dumps) to compare with this one'
              : 'Before/after: the diff of this flame graph and another'
          }
          onChange={(event) => choose(event.target.value)}
        >
          <option value="">
            {others.length === 0 ? 'Nothing to compare with' : 'Compare with…'}
          </option>
          {others.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
      )}
    </div>
  );
  return (
    <FlameGraph tree={shown} title={shownTitle} toolbarStart={control} preview={preview === true} />
  );
}

function CompareStatus(props: {
  comparison: Comparison;
  other: FlameSource;
  title: string;
  diff: DiffState;
  onSwap: () => void;
  onStop: () => void;
}) {
  const { comparison, other, title, diff } = props;
  const before = comparison.otherIsBefore ? other.label : title;
  const after = comparison.otherIsBefore ? title : other.label;
  return (
    <>
      <span className="flame-compare-pair" title={`before: ${before}\nafter: ${after}`}>
        <span className="quiet">before</span> {before} <span className="quiet">→ after</span>{' '}
        {after}
      </span>
      {diff.status === 'building' && (
        <span className="quiet" role="status">
          building the comparison…
        </span>
      )}
      {diff.status === 'failed' && (
        <span className="error" role="alert">
          comparison failed: {diff.message}
        </span>
      )}
      <button type="button" onClick={props.onSwap} title="Swap before and after">
        Swap
      </button>
      <button type="button" onClick={props.onStop} title="Back to this profile alone">
        Stop comparing
      </button>
    </>
  );
}
