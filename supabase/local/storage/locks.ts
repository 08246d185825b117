// In-process locks per object: the database row and the file on disk change together (commit, then
// rename or unlink), so two requests on the same key must not interleave those steps. One storage
// server serves the machine, so a process-local lock is enough.
export class KeyedLocks {
  private tails = new Map<string, Promise<void>>();

  /** Runs `fn` holding the locks of all `keys` (taken in sorted order, so no deadlock). */
  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const releases: Array<() => void> = [];
    try {
      for (const key of sorted) releases.push(await this.acquire(key));
      return await fn();
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  private async acquire(key: string): Promise<() => void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
  }

  get size(): number {
    return this.tails.size;
  }
}
