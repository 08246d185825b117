import { describe, expect, it } from 'vitest';
import { KeyedLocks } from './locks.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedLocks', () => {
  it('serialises work on the same key and frees the map afterwards', async () => {
    const locks = new KeyedLocks();
    const order: string[] = [];
    await Promise.all([
      locks.run(['a'], async () => { order.push('1 start'); await sleep(20); order.push('1 end'); }),
      locks.run(['a'], async () => { order.push('2 start'); order.push('2 end'); }),
    ]);
    expect(order).toEqual(['1 start', '1 end', '2 start', '2 end']);
    expect(locks.size).toBe(0);
  });

  it('lets different keys run together and never deadlocks on crossed key sets', async () => {
    const locks = new KeyedLocks();
    let running = 0;
    let max = 0;
    const job = (keys: string[]) => locks.run(keys, async () => { running++; max = Math.max(max, running); await sleep(10); running--; });
    await Promise.all([job(['x']), job(['y']), job(['x', 'y']), job(['y', 'x'])]);
    expect(max).toBe(2);
    expect(locks.size).toBe(0);
  });

  it('releases on failure', async () => {
    const locks = new KeyedLocks();
    await expect(locks.run(['k'], async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(locks.run(['k'], async () => 42)).resolves.toBe(42);
  });
});
