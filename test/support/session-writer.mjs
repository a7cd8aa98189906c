// A process that owns a desktop session store and appends to it as fast as it can, so a test can
// kill it with SIGKILL mid-write: `node session-writer.mjs USER_DATA_DIR SESSION_ID`. Each update
// inserts the line "edit <n>" into the session's code; "ack <n>" is printed only after the store
// said the update is on disk. It continues numbering from what the store already holds.
import { register } from 'tsx/esm/api';

register();
const Y = await import('yjs');
const { createSessionStore } = await import('../../desktop/main/sessions/session-store.ts');

const [dir, id] = process.argv.slice(2);
// A small compaction threshold, so kills also land during compactions.
const store = createSessionStore(dir, { compactAfter: 40 });
const doc = new Y.Doc();
const state = await store.load(id);
if (state) Y.applyUpdate(doc, state);
const text = doc.getText('code:javascript');
let next = (text.toString().match(/edit \d+/g) ?? []).length;
for (;;) {
  let update;
  const capture = (bytes) => {
    update = bytes;
  };
  doc.on('update', capture);
  text.insert(text.length, `edit ${next}\n`);
  doc.off('update', capture);
  await store.append(id, update);
  process.stdout.write(`ack ${next}\n`);
  next++;
}
