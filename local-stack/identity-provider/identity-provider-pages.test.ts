import { describe, expect, it } from 'vitest';
import { escapeHtml, renderErrorPage, renderSignInPage } from './identity-provider-pages.ts';

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('renderSignInPage', () => {
  const model = {
    tenantLabel: 'Contoso',
    appDisplayName: 'App <b>bold</b>',
    formAction: '/t/login',
    pendingSignInId: 'id"1',
    username: "o'neil@contoso.com",
    errorMessage: undefined,
    demoUsernames: ['a@contoso.com'],
  };

  it('escapes every echoed value', () => {
    const html = renderSignInPage(model);
    expect(html).toContain('App &lt;b&gt;bold&lt;/b&gt;');
    expect(html).toContain('value="id&quot;1"');
    expect(html).toContain('value="o&#39;neil@contoso.com"');
    expect(html).not.toContain('<b>');
  });

  it('shows the error as an alert tied to the password field only when there is one', () => {
    expect(renderSignInPage(model)).not.toContain('role="alert"');
    const html = renderSignInPage({
      ...model,
      errorMessage: 'Your account or password is incorrect.',
    });
    expect(html).toContain(
      '<p class="error" id="sign-in-error" role="alert">Your account or password is incorrect.</p>',
    );
    expect(html).toContain('aria-describedby="sign-in-error"');
  });
});

describe('renderErrorPage', () => {
  it('shows the AADSTS code, the escaped message and the trace fields', () => {
    const html = renderErrorPage(
      { error: 'invalid_request', code: 50011, message: "URI '<x>' is not registered" },
      { correlationId: 'corr', traceId: 'trace', timestamp: new Date('2026-01-02T03:04:05Z') },
    );
    expect(html).toContain('AADSTS50011: URI &#39;&lt;x&gt;&#39; is not registered');
    expect(html).toContain('trace');
    expect(html).toContain('corr');
    expect(html).toContain('2026-01-02 03:04:05Z');
  });
});
