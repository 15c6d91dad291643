import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  /** Load the Linqiong demo into an empty database. */
  demo: boolean;
  /** 32-byte key for personal data at rest; when absent a key file is kept next to the SQLite file. */
  secret: string | undefined;
  dataDir: string;
  logLevel: string;
  secureCookies: boolean;
  webDir: string;
}

/** Reads the environment once; everything else receives a Config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.XIAOQU_DATA_DIR ?? 'data');
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'xiaoqu.sqlite')}`,
    demo: env.XIAOQU_DEMO !== '0',
    secret: env.XIAOQU_SECRET,
    dataDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    secureCookies: env.XIAOQU_SECURE_COOKIES === '1',
    webDir: path.resolve(env.XIAOQU_WEB_DIR ?? 'dist/web'),
  };
}
