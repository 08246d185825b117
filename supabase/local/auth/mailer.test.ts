import { describe, expect, it } from 'vitest';
import { recoveryMail, renderMessage } from './mailer.ts';

describe('the recovery mail', () => {
  it('renders supabase/templates/recovery.html with the link and address escaped as Go templates do', () => {
    const link = 'http://127.0.0.1:54321/auth/v1/verify?token=abc&type=recovery&redirect_to=http%3A%2F%2F127.0.0.1%3A54321%2F';
    const mail = recoveryMail('co.lan@thpt-tandong.edu.vn', { ConfirmationURL: link, SiteURL: 'http://127.0.0.1:54321/' });
    expect(mail.subject).toContain('Đặt lại mật khẩu');
    expect(mail.html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
    expect(mail.html).toContain('co.lan@thpt-tandong.edu.vn');
    expect(mail.html).not.toContain('{{');
    const evil = recoveryMail('"><script>x</script>@a.vn', { ConfirmationURL: link, SiteURL: '' });
    expect(evil.html).not.toContain('<script>');
  });

  it('is a multipart message with a UTF-8 subject, both parts base64', () => {
    const msg = renderMessage('Sổ điện tử <no-reply@sodientu.local>', { to: 'a@b.vn', subject: 'Đặt lại', html: '<p>Xin chào &amp; hẹn gặp</p>' });
    expect(msg).toMatch(/^From: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <no-reply@sodientu\.local>\r\n/);
    expect(msg).toContain('Subject: =?UTF-8?B?');
    expect(msg).toContain('Content-Type: multipart/alternative');
    const parts = msg.split(/\r\n--sdt-[0-9a-f]+/);
    const text = Buffer.from(parts[1]!.split('\r\n\r\n')[1]!.replace(/\r\n/g, ''), 'base64').toString('utf8');
    expect(text).toBe('Xin chào & hẹn gặp');
  });
});
