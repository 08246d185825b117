// A small supervisor for the stack's child processes: prefixed logs, a death of any child reported
// (the stack then stops as a whole), and a stop that ends every child and waits for it.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

export interface Child {
  name: string;
  proc: ChildProcess;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Last lines of output, for error messages. */
  tail(): string;
}

/** True once the process has ended, by exit or by a signal (then exitCode stays null). */
export function hasExited(child: Child): boolean {
  return child.proc.exitCode !== null || child.proc.signalCode !== null;
}

export class Supervisor {
  private children: Child[] = [];
  private stopping = false;
  private expected = new Set<Child>();
  private logStream: fs.WriteStream | null;

  constructor(
    logFile: string | null,
    /** Called once when a child exits while the stack is not stopping. */
    private readonly onUnexpectedExit: (child: Child, code: number | null, signal: string | null) => void,
  ) {
    this.logStream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
    // Children's last lines can arrive after the stream was ended; losing them is fine, crashing is not.
    this.logStream?.on('error', () => undefined);
    process.on('exit', this.killOnExit);
  }

  /**
   * Last resort when this process ends without an orderly stop (process.exit, an uncaught exception):
   * signal every child synchronously so none is left running. Postgres gets SIGINT (fast shutdown).
   */
  private readonly killOnExit = () => {
    for (const c of this.children) {
      if (!hasExited(c)) c.proc.kill(c.name === 'postgres' ? 'SIGINT' : 'SIGTERM');
    }
  };

  log(name: string, text: string): void {
    const lines = text.replace(/\s+$/, '').split('\n');
    const out = lines.map((l) => `[${name}] ${l}`).join('\n') + '\n';
    if (this.logStream) this.logStream.write(out);
    else process.stdout.write(out);
  }

  spawn(name: string, command: string, args: string[], options: SpawnOptions = {}): Child {
    const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    const buffer: string[] = [];
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      buffer.push(text);
      if (buffer.length > 50) buffer.shift();
      this.log(name, text);
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      // 'close' (not just 'exit'): the child's output is fully read before anyone ends the log stream;
      // but at most 2 s after 'exit', in case a grandchild still holds the pipe.
      proc.on('close', (code, signal) => resolve({ code, signal }));
      proc.on('exit', (code, signal) => setTimeout(() => resolve({ code, signal }), 2000).unref());
      proc.on('error', (err) => {
        buffer.push(String(err));
        resolve({ code: -1, signal: null });
      });
    });
    const child: Child = { name, proc, exited, tail: () => buffer.join('').split('\n').slice(-20).join('\n') };
    void exited.then(({ code, signal }) => {
      if (!this.stopping && !this.expected.has(child)) this.onUnexpectedExit(child, code, signal);
    });
    this.children.push(child);
    return child;
  }

  /** Process ids of the children still supervised. */
  pids(): { name: string; pid: number }[] {
    return this.children.flatMap((c) => (c.proc.pid ? [{ name: c.name, pid: c.proc.pid }] : []));
  }

  /** Stops one child on purpose (not reported as a death), e.g. Postgres for a cold backup. */
  async stopOne(child: Child, graceMs = 8000): Promise<void> {
    this.children = this.children.filter((c) => c !== child);
    this.expected.add(child);
    await this.terminate(child, graceMs);
  }

  private async terminate(child: Child, graceMs: number): Promise<void> {
    if (hasExited(child)) return;
    child.proc.kill(child.name === 'postgres' ? 'SIGINT' : 'SIGTERM');
    const timer = setTimeout(() => child.proc.kill('SIGKILL'), graceMs);
    await child.exited;
    clearTimeout(timer);
  }

  /** Stops children in reverse start order: SIGTERM, then SIGKILL after `graceMs`. */
  async stopAll(graceMs = 8000): Promise<void> {
    this.stopping = true;
    for (const child of [...this.children].reverse()) await this.terminate(child, graceMs);
    this.children = [];
    process.off('exit', this.killOnExit);
    this.logStream?.end();
  }
}
