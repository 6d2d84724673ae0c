import { z } from 'zod';

/**
 * The time range a source applies on top of the query's own filters (App Insights' `timespan`;
 * a time-series source's range): the last N (an ISO-8601 duration) or a fixed UTC interval. One
 * type for the picker, the tab draft, saved queries and links; the schema validates it wherever
 * it comes from storage, a file or a link.
 */

/** ISO-8601 duration as App Insights' `timespan` takes it: P1D, PT12H, PT30M, P1DT6H. */
const ISO_DURATION =
  /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export const timeRangeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('relative'),
    duration: z.string().regex(ISO_DURATION, 'must be an ISO-8601 duration such as PT1H or P7D'),
  }),
  z.object({
    kind: z.literal('absolute'),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
  }),
]);

export type TimeRange = z.infer<typeof timeRangeSchema>;
