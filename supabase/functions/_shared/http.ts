// HTTP helpers shared by every edge function: CORS, JSON answers and the one error helper.

export const corsHeaders: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'authorization, x-client-info, apikey, content-type',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
};

/** An error with the HTTP status and a stable code the admin can translate. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...corsHeaders, 'Content-Type': 'application/json' } });
}

/** Wraps a handler: answers CORS preflights and turns every thrown error into a JSON answer. */
export function handle(fn: (req: Request) => Promise<Response>): (req: Request) => Promise<Response> {
  return async (req) => {
    if (req.method === 'OPTIONS') return new Response(null, { status: 204, headers: corsHeaders });
    try {
      return await fn(req);
    } catch (e) {
      if (e instanceof HttpError) return json(e.status, { code: e.code, message: e.message });
      console.error(e);
      return json(500, { code: 'internal_error', message: 'Lỗi hệ thống, vui lòng thử lại sau.' });
    }
  };
}
