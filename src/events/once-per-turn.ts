/**
 * `fn`, run at most once per turn of the event loop: the calls after the first in the same turn do nothing. For a
 * check against SQLite (`PRAGMA data_version` begins a read transaction of its own) that the loads of one turn share.
 */
export function oncePerTurn(fn: () => void): () => void {
  let ran = false;
  return () => {
    if (ran) return;
    ran = true;
    setImmediate(() => (ran = false));
    fn();
  };
}
