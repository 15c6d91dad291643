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
  /** Always mark cookies `Secure` (they are anyway when the request came over HTTPS). */
  secureCookies: boolean;
  /**
   * Which peers may tell the client's address and scheme in `X-Forwarded-For` / `-Proto`: false (nobody, the
   * default), a hop count, or addresses and CIDR ranges of the reverse proxies. Passed to Fastify's trustProxy.
   */
  trustProxy: false | number | string[];
  /** A session unused this long ends (等保: idle timeout). */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  sessionMaxHours: number;
  webDir: string;
  /** Office hours that deadlines count in, e.g. "09:30-13:00,15:30-18:00" (办公时间). */
  officeHours: string;
  /** Local time of the deployment as minutes east of UTC (480: Asia/Shanghai, which Lhasa keeps). */
  utcOffsetMinutes: number;
  /** Public address of the web page, for QR codes and links in webhook messages (defaults to the request's host). */
  publicUrl: string | undefined;
  /** Run the timer (reminders, overdue, unrated, webhook deliveries) in this process. */
  scheduler: boolean;
  /** How often the timer runs, in ms. */
  timerMs: number;
  /** Limits on the anonymous QR page (0 switches one off); counted in the database, so across all servers. */
  publicLimits: PublicLimits;
  /** Days a closed issue keeps its reporter's name and phone before they are removed by the timer; 0 keeps them. */
  reporterRetentionDays: number;
  /** Where the signed heads of the audit chain are appended (JSON lines), for backups to carry off the machine. */
  auditHeadsFile: string;
  /** How often the process running the timers publishes the audit chain's head, in minutes. */
  auditHeadMinutes: number;
}

export interface PublicLimits {
  /** Reports per client address (an IPv6 /64) per minute and per hour. */
  reportsPerAddressMinute: number;
  reportsPerAddressHour: number;
  /** Reports per building QR code per hour, from all addresses together. */
  reportsPerBuildingHour: number;
  /** Ratings (满意度评价) per client address per hour. */
  ratingsPerAddressHour: number;
}

/** A whole number of at least 0 from the environment, else the default. */
function count(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isSafeInteger(n) && n >= 0 ? n : fallback;
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
    trustProxy: parseTrustProxy(env.XIAOQU_TRUST_PROXY),
    sessionIdleMinutes: positive(env.XIAOQU_SESSION_IDLE_MINUTES, 30),
    sessionMaxHours: positive(env.XIAOQU_SESSION_MAX_HOURS, 12),
    webDir: path.resolve(env.XIAOQU_WEB_DIR ?? 'dist/web'),
    officeHours: env.XIAOQU_OFFICE_HOURS ?? '09:30-13:00,15:30-18:00',
    utcOffsetMinutes: Number(env.XIAOQU_UTC_OFFSET_MINUTES ?? 480),
    publicUrl: env.XIAOQU_PUBLIC_URL?.replace(/\/$/, ''),
    scheduler: env.XIAOQU_SCHEDULER !== '0',
    timerMs: Number(env.XIAOQU_TIMER_MS ?? 30_000),
    publicLimits: {
      reportsPerAddressMinute: count(env.XIAOQU_QR_REPORTS_PER_MINUTE, 5),
      reportsPerAddressHour: count(env.XIAOQU_QR_REPORTS_PER_HOUR, 20),
      reportsPerBuildingHour: count(env.XIAOQU_QR_REPORTS_PER_BUILDING_HOUR, 30),
      ratingsPerAddressHour: count(env.XIAOQU_QR_RATINGS_PER_HOUR, 20),
    },
    reporterRetentionDays: count(env.XIAOQU_REPORTER_RETENTION_DAYS, 0),
    auditHeadsFile: path.resolve(env.XIAOQU_AUDIT_HEADS_FILE ?? path.join(dataDir, 'audit-heads.jsonl')),
    auditHeadMinutes: positiveOr(Number(env.XIAOQU_AUDIT_HEAD_MINUTES), 10),
  };
}

/** A setting that must be a positive number; anything else (unset, a typo) falls back to the default. */
function positiveOr(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * `XIAOQU_TRUST_PROXY`: unset, empty, `0` or `false` trusts no one (a client cannot choose its own address); a
 * number trusts that many hops in front of the server; otherwise a comma list of addresses or CIDR ranges.
 */
export function parseTrustProxy(value: string | undefined): false | number | string[] {
  const v = value?.trim() ?? '';
  if (v === '' || v === '0' || v.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}
