import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { StorageError } from './errors.ts';
import { writeTemp } from './upload.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'upload-test-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const tmp = () => path.join(dir, `t${n++}.part`);

describe('writeTemp', () => {
  it('writes the bytes and their MD5', async () => {
    const file = tmp();
    const r = await writeTemp(Readable.from([Buffer.from('xin '), Buffer.from('chào')]), file, 100);
    expect(r).toEqual({ size: Buffer.byteLength('xin chào'), md5: crypto.createHash('md5').update('xin chào').digest('hex') });
    expect(fs.readFileSync(file, 'utf8')).toBe('xin chào');
  });

  it('stops at the first byte over the limit with 413, the file closed and removable', async () => {
    const file = tmp();
    let pulled = 0;
    const big = new Readable({
      read() {
        pulled++;
        this.push(pulled > 50 ? null : Buffer.alloc(64 * 1024));
      },
    });
    const e = await writeTemp(big, file, 100_000).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StorageError);
    expect((e as StorageError).status).toBe(413);
    expect(fs.statSync(file).size).toBeLessThanOrEqual(100_000);
    fs.rmSync(file);
  });

  it('accepts exactly the limit', async () => {
    const r = await writeTemp(Readable.from([Buffer.alloc(1000)]), tmp(), 1000);
    expect(r.size).toBe(1000);
  });

  it('fails when the source ends early (client gone), and refuses a source already destroyed', async () => {
    const src = new PassThrough();
    const p = writeTemp(src, tmp(), 1000);
    src.write(Buffer.alloc(10));
    src.destroy();
    await expect(p).rejects.toMatchObject({ code: 'Aborted' });
    const dead = new PassThrough();
    dead.destroy();
    const file = tmp();
    await expect(writeTemp(dead, file, 1000)).rejects.toMatchObject({ code: 'Aborted' });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('never overwrites an existing file', async () => {
    const file = tmp();
    fs.writeFileSync(file, 'keep');
    await expect(writeTemp(Readable.from([Buffer.from('x')]), file, 10)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(file, 'utf8')).toBe('keep');
  });
});
