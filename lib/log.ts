// A small structured logger: one JSON object per line on stdout/stderr, with
// fields (request id, user id) carried by child loggers. Kept dependency-free
// so scripts, the server and tests share it.

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

const LEVELS: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Logger = {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  child(fields: Fields): Logger;
};

function threshold(): number {
  const configured = process.env.LOG_LEVEL as Level | undefined;

  if (configured && configured in LEVELS) return LEVELS[configured];

  return process.env.NODE_ENV === "test" ? LEVELS.warn : LEVELS.info;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };

  return value;
}

function createLogger(bound: Fields): Logger {
  const write = (level: Level, message: string, fields: Fields = {}) => {
    if (LEVELS[level] < threshold()) return;

    const entry: Fields = { time: new Date().toISOString(), level, message, ...bound };

    for (const [key, value] of Object.entries(fields)) entry[key] = serialise(value);

    const stream = level === "error" || level === "warn" ? process.stderr : process.stdout;

    stream.write(`${JSON.stringify(entry)}\n`);
  };

  return {
    debug: (message, fields) => write("debug", message, fields),
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
    child: (fields) => createLogger({ ...bound, ...fields }),
  };
}

export const logger = createLogger({});
