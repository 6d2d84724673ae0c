/**
 * The proxy's log lines, in the real proxy's (logrus text) format, so the same checks work on both:
 * `time="2023-05-16T08:47:27Z" level=info msg="Successfully sent request, returning response back." StatusCode=200`
 */
export type LogLevel = 'info' | 'warning' | 'error';
export type ProxyLogger = (
  level: LogLevel,
  message: string,
  fields?: Record<string, unknown>,
) => void;

function fieldText(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return /^[\w./:-]+$/.test(text) ? text : JSON.stringify(text);
}

export function formatLogLine(
  level: LogLevel,
  message: string,
  fields: Record<string, unknown> = {},
  now = new Date(),
): string {
  const parts = [
    `time="${now.toISOString().slice(0, 19)}Z"`,
    `level=${level}`,
    `msg=${JSON.stringify(message)}`,
  ];
  for (const name of Object.keys(fields).sort()) parts.push(`${name}=${fieldText(fields[name])}`);
  return parts.join(' ');
}

/** Writes to stdout (info) and stderr (warning, error), each line prefixed with `prefix`. */
export function consoleLogger(prefix = ''): ProxyLogger {
  return (level, message, fields) => {
    const line = `${prefix}${formatLogLine(level, message, fields)}\n`;
    (level === 'info' ? process.stdout : process.stderr).write(line);
  };
}
