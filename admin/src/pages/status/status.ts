// The answer of the `status` edge function and how its failures are read.
import { z } from 'zod';

export const systemStatusSchema = z.object({
  postgres_version: z.string().nullable(),
  postgrest_version: z.string().nullable(),
  migrations: z.array(z.object({ version: z.string(), name: z.string().nullable() })),
  database_error: z.string().nullable().optional(),
  caller: z.object({
    id: z.string().nullable(),
    email: z.string().nullable(),
    role: z.string(),
    roles: z.array(z.string()),
  }),
});
export type SystemStatus = z.infer<typeof systemStatusSchema>;

/**
 * The message of a failed `functions.invoke`: the function's own `{ message }` (or `{ error }`) when it
 * answered, else the HTTP status, else the client's message (network failures).
 */
export async function functionErrorMessage(error: unknown): Promise<string> {
  const e = (error ?? {}) as { message?: string; context?: unknown };
  if (e.context instanceof Response) {
    const response = e.context;
    try {
      const body = (await response.clone().json()) as { message?: unknown; error?: unknown; msg?: unknown };
      for (const field of [body.message, body.error, body.msg]) {
        if (typeof field === 'string' && field) return `${response.status}: ${field}`;
      }
    } catch {
      // not JSON: fall through to the status line
    }
    return `${response.status} ${response.statusText}`.trim();
  }
  return e.message ?? String(error);
}
