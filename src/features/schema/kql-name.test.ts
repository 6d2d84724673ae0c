import { describe, expect, it } from 'vitest';
import { kqlName } from './kql-name';

describe('kqlName', () => {
  it('leaves plain identifiers as they are', () => {
    expect(kqlName('StormEvents')).toBe('StormEvents');
    expect(kqlName('_row_id2')).toBe('_row_id2');
  });

  it('brackets and quotes names KQL cannot read bare', () => {
    expect(kqlName('Event Type')).toBe("['Event Type']");
    expect(kqlName('customDimensions.city')).toBe("['customDimensions.city']");
    expect(kqlName('1st')).toBe("['1st']");
    expect(kqlName("it's")).toBe("['it\\'s']");
    expect(kqlName('a\\b')).toBe("['a\\\\b']");
  });
});
