// The bytes on disk: <root>/<bucket>/<key>, uploads in progress in <root>/tmp. A file only appears at
// its final place by rename(2) from tmp/ (same file system, so atomic) after the database committed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { bucketDirPath, objectFilePath, TMP_DIR } from './paths.ts';

const TEMP_NAME = /^upload-[0-9a-f-]{36}\.part$/;

export class FileStore {
  readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, TMP_DIR);
  }

  /** Creates the folders and removes uploads a previous run left half-done. */
  async init(): Promise<void> {
    await fsp.mkdir(this.root, { recursive: true, mode: 0o700 });
    await fsp.mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    for (const name of await fsp.readdir(this.tmpDir)) {
      if (TEMP_NAME.test(name)) await fsp.rm(path.join(this.tmpDir, name), { force: true });
    }
  }

  newTempPath(): string {
    return path.join(this.tmpDir, `upload-${crypto.randomUUID()}.part`);
  }

  filePath(bucket: string, key: string): string {
    return objectFilePath(this.root, bucket, key);
  }

  bucketDir(bucket: string): string {
    return bucketDirPath(this.root, bucket);
  }

  /**
   * Makes sure `key` can be placed: its parent folders exist (none of them is a file) and the key is
   * not itself a folder. Returns a reason when it cannot (the upload is then refused before commit).
   */
  async prepare(bucket: string, key: string): Promise<string | null> {
    const file = this.filePath(bucket, key);
    try {
      await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR' || code === 'EEXIST') return 'a parent of this key is an existing object';
      throw e;
    }
    try {
      const st = await fsp.lstat(file);
      if (st.isDirectory()) return 'this key is a folder holding other objects';
      if (!st.isFile()) return 'this key is not a regular file';
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return null;
  }

  /** Moves a finished upload (or copy) into place, replacing any previous version. */
  async place(tmp: string, bucket: string, key: string): Promise<void> {
    await renameInto(tmp, this.filePath(bucket, key));
  }

  /** Removes an object's file and the folders it leaves empty (up to, not including, the bucket folder). */
  async remove(bucket: string, key: string): Promise<void> {
    const file = this.filePath(bucket, key);
    await fsp.rm(file, { force: true });
    await this.pruneEmptyParents(bucket, file);
  }

  /** Renames an object's file to another key (a move), pruning the folders the source leaves empty. */
  async move(fromBucket: string, fromKey: string, toBucket: string, toKey: string): Promise<void> {
    const from = this.filePath(fromBucket, fromKey);
    await renameInto(from, this.filePath(toBucket, toKey));
    await this.pruneEmptyParents(fromBucket, from);
  }

  async copyToTemp(bucket: string, key: string, tmp: string): Promise<void> {
    await fsp.copyFile(this.filePath(bucket, key), tmp, fs.constants.COPYFILE_EXCL);
  }

  /** Opens an object for reading without following a symbolic link at its place. */
  async open(bucket: string, key: string): Promise<{ handle: fsp.FileHandle; size: number; mtime: Date } | null> {
    try {
      const handle = await fsp.open(this.filePath(bucket, key), fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
      const st = await handle.stat();
      if (!st.isFile()) {
        await handle.close();
        return null;
      }
      return { handle, size: st.size, mtime: st.mtime };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'EISDIR') return null;
      throw e;
    }
  }

  /** Deletes a bucket's folder once the bucket row is gone. */
  async removeBucketDir(bucket: string): Promise<void> {
    await fsp.rm(this.bucketDir(bucket), { recursive: true, force: true });
  }

  private async pruneEmptyParents(bucket: string, file: string): Promise<void> {
    const stop = this.bucketDir(bucket);
    for (let dir = path.dirname(file); dir.startsWith(stop + path.sep); dir = path.dirname(dir)) {
      try {
        await fsp.rmdir(dir);
      } catch {
        return; // not empty (or already gone): stop climbing
      }
    }
  }
}

/**
 * rename(2), recreating the target's folder if a concurrent removal pruned it in between (removals
 * delete folders they leave empty, and hold only their own key's lock).
 */
async function renameInto(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await fsp.rename(from, to);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 3) throw e;
      await fsp.access(from); // the source itself missing is a real error
      await fsp.mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
    }
  }
}
