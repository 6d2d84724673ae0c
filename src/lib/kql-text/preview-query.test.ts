import { describe, expect, it } from 'vitest';
import { PREVIEW_ROW_LIMIT, takePreviewQuery, truncatedPreviewQuery } from './preview-query';

describe('Preview query text', () => {
  it('Kusto: a set statement on its own line before the statement', () => {
    expect(PREVIEW_ROW_LIMIT).toBe(50);
    expect(truncatedPreviewQuery('StormEvents')).toBe('set truncationmaxrecords=50;\nStormEvents');
    expect(truncatedPreviewQuery('let x = 1;\nT | take x')).toBe(
      'set truncationmaxrecords=50;\nlet x = 1;\nT | take x',
    );
  });

  it('App Insights: | take 50 after the last statement, on its own line (after a comment)', () => {
    expect(takePreviewQuery('requests')).toBe('requests\n| take 50');
    expect(takePreviewQuery('requests | where a == 1 // note\n')).toBe(
      'requests | where a == 1 // note\n| take 50',
    );
    expect(takePreviewQuery('let x = 1;\nrequests | take x;  \n')).toBe(
      'let x = 1;\nrequests | take x\n| take 50',
    );
  });

  it('App Insights: before a trailing render, which must stay last', () => {
    expect(
      takePreviewQuery('requests | summarize count() by bin(timestamp, 1h) | render timechart'),
    ).toBe('requests | summarize count() by bin(timestamp, 1h) | take 50\n| render timechart');
  });

  it('a render inside a string or a comment is not the query’s render', () => {
    expect(takePreviewQuery('requests | where name == "| render x"')).toBe(
      'requests | where name == "| render x"\n| take 50',
    );
    expect(takePreviewQuery('requests // | render timechart')).toBe(
      'requests // | render timechart\n| take 50',
    );
  });
});
