import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layout's one rule made executable: src/lib/query knows no source, no source knows another.
 * Lints probe text as if it sat in each folder, through the project's own eslint.config.js.
 */
const eslint = new ESLint();

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('source folder boundaries (ESLint no-restricted-imports)', () => {
  it('refuses an import from one source folder into another', async () => {
    const messages = await restrictedImports(
      'src/lib/appinsights/probe.ts',
      "import { kustoEndpoint } from '../kusto/kusto-http';\nexport const x = kustoEndpoint;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/one source adapter/);
  });

  it('covers a source folder that does not exist yet (prometheus)', async () => {
    const messages = await restrictedImports(
      'src/lib/prometheus/probe.ts',
      "import { appInsightsUrl } from '../appinsights/appinsights-http';\nexport const x = appInsightsUrl;\n",
    );
    expect(messages).toHaveLength(1);
  });

  it('refuses a source or the registry in the shared pipeline', async () => {
    const messages = await restrictedImports(
      'src/lib/query/probe.ts',
      "import { kustoEndpoint } from '../kusto/kusto-http';\nimport { resultParsers } from '../sources/result-parsers';\nexport const x = [kustoEndpoint, resultParsers];\n",
    );
    expect(messages).toHaveLength(2);
  });

  it('lets a source use the shared pipeline, and the registry list every source', async () => {
    expect(
      await restrictedImports(
        'src/lib/kusto/probe.ts',
        "import { startQueryRun } from '../query/query-run';\nexport const x = startQueryRun;\n",
      ),
    ).toEqual([]);
    expect(
      await restrictedImports(
        'src/lib/sources/probe.ts',
        "import { kustoResultParsers } from '../kusto/kusto-result-parsers';\nimport { appInsightsResultParsers } from '../appinsights/appinsights-result-parsers';\nexport const x = [kustoResultParsers, appInsightsResultParsers];\n",
      ),
    ).toEqual([]);
  });
});
