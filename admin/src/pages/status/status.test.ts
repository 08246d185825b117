import { describe, expect, it } from 'vitest';
import { functionErrorMessage, systemStatusSchema } from './status.ts';

const httpError = (response: Response) => ({ name: 'FunctionsHttpError', message: 'Edge Function returned a non-2xx status code', context: response });

describe('functionErrorMessage', () => {
  it("shows the function's own message with the status", async () => {
    const response = new Response(JSON.stringify({ code: 'unauthorized', message: 'Phiên đăng nhập không hợp lệ' }), { status: 401 });
    expect(await functionErrorMessage(httpError(response))).toBe('401: Phiên đăng nhập không hợp lệ');
  });

  it('shows the status line when the body is not JSON', async () => {
    expect(await functionErrorMessage(httpError(new Response('<html>', { status: 502, statusText: 'Bad Gateway' })))).toBe('502 Bad Gateway');
  });

  it('shows the client message when no answer came back', async () => {
    expect(await functionErrorMessage({ name: 'FunctionsFetchError', message: 'Failed to send a request to the Edge Function' }))
      .toBe('Failed to send a request to the Edge Function');
  });
});

describe('systemStatusSchema', () => {
  it('accepts the answer of the status function', () => {
    const answer = {
      postgres_version: '17.6',
      postgrest_version: '12.0.2',
      migrations: [{ version: '20261122000100', name: 'org_units_and_memberships' }],
      database_error: null,
      caller: { role: 'authenticated', id: 'u1', email: 'cntt@thpt-tandong.edu.vn', full_name: 'Trần Văn Bình', roles: ['it_staff'], memberships: [] },
    };
    expect(systemStatusSchema.parse(answer).caller.roles).toEqual(['it_staff']);
  });
});
