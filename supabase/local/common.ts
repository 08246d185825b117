// Small helpers shared by the local auth and storage servers, the scripts and the tests.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import type { StackPorts } from './config.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID_RE.test(s);

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return (value && /^\s*bearer\s+(\S+)\s*$/i.exec(value)?.[1]) || null;
}

/** Escapes LIKE/ILIKE wildcards so user text matches literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A port nothing listens on right now on 127.0.0.1 (a throwaway server, a stack of a test's or script's own). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });

/** The lowest port the kernel hands out for outgoing connections and `listen(0)` (Linux; 32768 elsewhere). */
function ephemeralLow(): number {
  try {
    const low = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > 1024 ? low : 32768;
  } catch {
    return 32768;
  }
}

/**
 * Free ports for a whole stack (the run's or a test's own): one block of 30 consecutive ports — the nine
 * services, then the 20 ports after `functions` that the functions listen on — below the kernel's ephemeral
 * range. Ports from `listen(0)` lay in that range, where any outgoing connection of the run (a test's
 * fetch, a Postgres client) may take one as its source port between a test stack's stop and its next start:
 * a function then failed to bind ("Port 39226 (function health-records) is already in use").
 */
export async function freeStackPorts(): Promise<StackPorts> {
  const names = ['gateway', 'db', 'postgrest', 'postgrestAdmin', 'auth', 'storage', 'mailSmtp', 'mailWeb', 'functions'] as const;
  const size = names.length + 20;
  const low = 15000;
  const high = ephemeralLow() - size;
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = low + crypto.randomInt(high - low);
    const block = Array.from({ length: size }, (_, i) => base + i);
    if (!(await Promise.all(block.map(portFree))).every(Boolean)) continue;
    return Object.fromEntries(names.map((n, i) => [n, base + i])) as unknown as StackPorts;
  }
  throw new Error(`No ${size} consecutive free ports between ${low} and ${high + size}.`);
}
