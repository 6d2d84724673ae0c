/** render: rows pass through; the chart settings become the result's visualization properties. */
import type { VisualizationProperties, WireValue } from './public-types';
import { kindOf, listElements, textOf, type Expression } from './kusto-language';
import { compileScalar, unsupported } from './compile-scalar';
import { compileContextFor, type TabularContext } from './operator-helpers';
import { toDynamic, type Table } from './values';
import { withMeta } from './row-stream';

export function emptyVisualization(sorted = false): VisualizationProperties {
  return {
    Visualization: null,
    Title: null,
    XColumn: null,
    Series: null,
    YColumns: null,
    AnomalyColumns: null,
    XTitle: null,
    YTitle: null,
    XAxis: null,
    YAxis: null,
    Legend: null,
    YSplit: null,
    Accumulate: false,
    IsQuerySorted: sorted,
    Kind: null,
    Ymin: 'NaN',
    Ymax: 'NaN',
    Xmin: null,
    Xmax: null,
  };
}

type TextProperty =
  | 'Title'
  | 'XColumn'
  | 'Series'
  | 'YColumns'
  | 'AnomalyColumns'
  | 'XTitle'
  | 'YTitle'
  | 'XAxis'
  | 'YAxis'
  | 'Legend'
  | 'YSplit'
  | 'Kind';

const TEXT_PROPERTIES: Record<string, TextProperty> = {
  title: 'Title',
  xcolumn: 'XColumn',
  series: 'Series',
  ycolumns: 'YColumns',
  anomalycolumns: 'AnomalyColumns',
  xtitle: 'XTitle',
  ytitle: 'YTitle',
  xaxis: 'XAxis',
  yaxis: 'YAxis',
  legend: 'Legend',
  ysplit: 'YSplit',
  kind: 'Kind',
};

export function renderOperator(
  op: Kusto.Language.Syntax.RenderOperator,
  input: Table,
  tctx: TabularContext,
): Table {
  const visualization = emptyVisualization(Boolean(input.sorted));
  visualization.Visualization = op.ChartType?.Text?.toLowerCase() ?? null;
  const properties = [
    ...listElements<Kusto.Language.Syntax.NamedParameter>(op.Parameters),
    ...listElements<Kusto.Language.Syntax.NamedParameter>(op.WithClause?.Properties ?? null),
  ];
  const ctx = compileContextFor(input.columns, tctx);
  for (const property of properties) {
    const name = (property.Name?.SimpleName ?? '').toLowerCase();
    const expression = property.Expression as Expression;
    const textProperty = TEXT_PROPERTIES[name];
    if (textProperty) {
      visualization[textProperty] = propertyText(expression);
      continue;
    }
    switch (name) {
      case 'accumulate':
        visualization.Accumulate = propertyText(expression).toLowerCase() === 'true';
        break;
      case 'ymin':
      case 'ymax': {
        const value = compileScalar(expression, ctx).evaluate([]);
        visualization[name === 'ymin' ? 'Ymin' : 'Ymax'] =
          typeof value === 'number' ? value : 'NaN';
        break;
      }
      case 'xmin':
      case 'xmax': {
        const compiled = compileScalar(expression, ctx);
        visualization[name === 'xmin' ? 'Xmin' : 'Xmax'] = toDynamic(
          compiled.type,
          compiled.evaluate([]),
        ) as WireValue;
        break;
      }
      default:
        unsupported(
          `The stand-in cluster does not support the render property '${name}'.`,
          property,
        );
    }
  }
  return withMeta(input, { visualization });
}

/** Text of a property value: string literal contents, a name, or a comma-joined name list. */
function propertyText(expression: Expression): string {
  const kind = kindOf(expression);
  if (kind === 'StringLiteralExpression' || kind === 'CompoundStringLiteralExpression')
    return String(expression.LiteralValue ?? '');
  if (kind === 'NameReferenceList') {
    return listElements<Kusto.Language.Syntax.NameReference>(
      (expression as unknown as Kusto.Language.Syntax.NameReferenceList).Names,
    )
      .map((n) => n.SimpleName ?? '')
      .join(',');
  }
  if (kind === 'NameReference')
    return (expression as Kusto.Language.Syntax.NameReference).SimpleName ?? '';
  return textOf(expression).trim();
}
