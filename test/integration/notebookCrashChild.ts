// Run by notebookCrash.test.ts as a plain Node process: writes to one investigation as fast as it
// can and says on stdout, after each write resolved, what it wrote. The test kills it (SIGKILL)
// at random moments and checks that everything acknowledged survived, and nothing is damaged.
import { NotebookStore } from '../../electron/node/notebook/notebookStore';

const [dataDir, investigationId, runText] = process.argv.slice(2);
if (!dataDir || !investigationId || !runText) throw new Error('usage: dataDir investigationId run');
const run = Number(runText);
const store = new NotebookStore(dataDir);
const owner = `crash-${run}`;
// The test's kill timer starts here: on a slow machine Node's own start took longer than the
// whole kill window, and the kills all fell before the first write.
process.stdout.write('started\n');
const open = await store.open(investigationId, owner);
if (open.readOnly) throw new Error(`read-only: ${open.readOnly}`);
for (let n = 0; ; n++) {
  if (n % 3 === 2) {
    const text = `action ${run}.${n}`;
    await store.addItem(
      investigationId,
      { type: 'action', text, owner: null, done: false, createdAt: new Date().toISOString() },
      owner,
    );
    process.stdout.write(`item ${text}\n`);
  } else {
    // Notes that grow and change: a torn write would show as a mix of two versions.
    const notes = `run ${run} write ${n}\n${'x'.repeat((n * 997) % 20000)}\nend ${run}.${n}\n`;
    await store.saveNotes(investigationId, notes, owner);
    process.stdout.write(`notes ${run}.${n}\n`);
  }
}
