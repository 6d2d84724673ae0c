import { describe, expect, it } from 'vitest';
import { databaseReference, entityInsertText, functionCallInsertText } from './schema-insert-text';

describe('schema-insert-text', () => {
  it('types names of the tab’s own database bare, whatever their case', () => {
    expect(entityInsertText('StormEvents', 'Samples', 'Samples')).toBe('StormEvents');
    expect(entityInsertText('StormEvents', 'samples', 'Samples')).toBe('StormEvents');
    expect(entityInsertText('Event Type', 'Samples', 'Samples')).toBe("['Event Type']");
  });

  it('qualifies names of another database with database("…")', () => {
    expect(entityInsertText('Sales', 'ContosoSales', 'Samples')).toBe(
      'database("ContosoSales").Sales',
    );
    expect(databaseReference('My "odd" DB')).toBe('database("My \\"odd\\" DB")');
    expect(functionCallInsertText('SalesByRegion()', 'ContosoSales', 'Samples')).toBe(
      'database("ContosoSales").SalesByRegion()',
    );
    expect(functionCallInsertText('TopStormStates()', 'Samples', 'Samples')).toBe(
      'TopStormStates()',
    );
  });
});
