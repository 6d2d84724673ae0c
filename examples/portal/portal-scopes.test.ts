import { describe, expect, it } from 'vitest';
import { allowedEntraScope } from './portal-scopes';

const settings = {
  cluster: 'http://localhost:5181/',
  extraScopes: ['https://api.applicationinsights.io/.default'],
};

describe('example portal scope allow-list', () => {
  it('mints "query" for the embedded cluster and the listed extra scopes only', () => {
    expect(allowedEntraScope('query', settings)).toBe('http://localhost:5181/.default');
    expect(allowedEntraScope('https://api.applicationinsights.io/.default', settings)).toBe(
      'https://api.applicationinsights.io/.default',
    );
    expect(allowedEntraScope('https://graph.microsoft.com/.default', settings)).toBeNull();
    expect(allowedEntraScope('https://management.azure.com/.default', settings)).toBeNull();
    expect(
      allowedEntraScope('https://graph.microsoft.com/.default', { cluster: settings.cluster }),
    ).toBeNull();
  });
});
