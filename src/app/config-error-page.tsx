import type { ConfigProblem } from '../lib/config/runtime-config-schema';
import './config-error-page.css';

/** config.json is missing or wrong: name each field and the fix instead of a blank page. */
export function ConfigErrorPage({ problems }: { problems: ConfigProblem[] }) {
  return (
    <main className="config-error" id="main">
      <section className="error-panel" role="alert" aria-labelledby="config-error-title">
        <h1 id="config-error-title">Quarry is not configured correctly</h1>
        <p>
          The runtime configuration <code>config.json</code> (served beside <code>index.html</code>)
          has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}:
        </p>
        <ul className="config-error__list">
          {problems.map((problem) => (
            <li key={`${problem.field}:${problem.message}`}>
              <code className="config-error__field">{problem.field}</code> {problem.message}
            </li>
          ))}
        </ul>
        <p>
          Edit <code>config.json</code> on the web server and reload. The README section “Point
          Quarry at your tenant” lists every field.
        </p>
      </section>
    </main>
  );
}
