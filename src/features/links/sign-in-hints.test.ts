import { describe, expect, it } from 'vitest';
import { signInHintsOf } from './sign-in-hints';

describe('sign-in hints from a deep link', () => {
  it('takes login_hint and tenant from an ADX-shaped link', () => {
    expect(
      signInHintsOf(
        'https://quarry.example/clusters/help/databases/Samples?query=x&login_hint=ada%40fabrikam.com&tenant=fabrikam.com',
      ),
    ).toEqual({ loginHint: 'ada@fabrikam.com', tenant: 'fabrikam.com' });
  });

  it('gives nothing for a page that is not a link, or a link without hints', () => {
    expect(signInHintsOf('https://quarry.example/?login_hint=ada%40fabrikam.com')).toEqual({});
    expect(signInHintsOf('https://quarry.example/clusters/help?query=print%201')).toEqual({});
  });
});
