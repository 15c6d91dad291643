// autocannon ships no type declarations (and @types/autocannon is not installed): the part of its
// programmatic API the benchmarks use.
declare module 'autocannon' {
  namespace autocannon {
    interface Percentiles {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
    }

    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      pipelining?: number;
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
    }

    interface Result {
      url: string;
      connections: number;
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      latency: Percentiles & { totalCount: number };
      requests: Percentiles & { sent: number };
      throughput: Percentiles;
    }
  }

  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export = autocannon;
}
