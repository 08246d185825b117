// Private keys of the local CA at rest (issue 15): AES-256-GCM under a key derived from the environment's
// SIGNING_MASTER_KEY — which is not in the database nor its backups — and, for a person's or the school's
// key, the holder's signing PIN (PBKDF2-SHA-256). The sealed blob is bound to its certificate (the
// certificate id is the associated data): a blob copied to another row does not open. Without the master
// key nothing opens; without the PIN a person's key does not open, and a wrong PIN is told apart from a
// damaged blob only by the GCM tag failing.

const enc = new TextEncoder();
const b64 = (u: Uint8Array) => btoa(String.fromCharCode(...u));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const buf = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;
const PBKDF2_ITERATIONS = 210_000;

export class WrongPin extends Error {
  constructor() {
    super('Mã PIN ký số không đúng.');
  }
}

/** The master key from the environment (32 bytes, base64). */
export function masterKey(value: string | undefined): Uint8Array {
  const key = value ? unb64(value) : new Uint8Array();
  if (key.length !== 32) throw new Error('SIGNING_MASTER_KEY must be 32 bytes in base64');
  return key;
}

async function wrappingKey(master: Uint8Array, context: string, pin: string | null, salt: Uint8Array): Promise<CryptoKey> {
  let pinKey = new Uint8Array();
  if (pin !== null) {
    const base = await crypto.subtle.importKey('raw', enc.encode(pin), 'PBKDF2', false, ['deriveBits']);
    pinKey = new Uint8Array(await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: buf(salt), iterations: PBKDF2_ITERATIONS }, base, 256));
  }
  const hmac = await crypto.subtle.importKey('raw', buf(master), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const material = new Uint8Array(await crypto.subtle.sign('HMAC', hmac, buf(new Uint8Array([...enc.encode(context), 0, ...pinKey]))));
  return await crypto.subtle.importKey('raw', buf(material), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Seals `secret` for the certificate `context` (its id), under the master key and, when given, a PIN. */
export async function seal(secret: Uint8Array, master: Uint8Array, context: string, pin: string | null): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await wrappingKey(master, context, pin, salt);
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: buf(enc.encode(context)) }, key, buf(secret)));
  return JSON.stringify({ v: 1, kdf: pin === null ? 'none' : `pbkdf2-sha256:${PBKDF2_ITERATIONS}`, salt: b64(salt), iv: b64(iv), ct: b64(ct) });
}

/** Opens a sealed key; a wrong PIN (or the wrong certificate, or another master key) throws WrongPin. */
export async function unseal(sealed: string, master: Uint8Array, context: string, pin: string | null): Promise<Uint8Array> {
  const s = JSON.parse(sealed) as { v: number; salt: string; iv: string; ct: string };
  const key = await wrappingKey(master, context, pin, unb64(s.salt));
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: buf(unb64(s.iv)), additionalData: buf(enc.encode(context)) }, key, buf(unb64(s.ct))));
  } catch {
    throw new WrongPin();
  }
}
