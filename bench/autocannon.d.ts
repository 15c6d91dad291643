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

    interface RequestData {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }

    interface Request extends RequestData {
      /** Called before each request is sent; what it returns is sent. */
      setupRequest?: (request: RequestData) => RequestData;
    }

    /** One connection of the load (autocannon's client), as setupClient receives it. */
    interface Client {
      /** Replaces the requests this connection sends in turn. */
      setRequests(requests: Request[]): void;
    }

    interface Options {
      url: string;
      /** Called once for every connection before it starts, e.g. to give each its own requests. */
      setupClient?: (client: Client) => void;
      connections?: number;
      duration?: number;
      pipelining?: number;
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      /** Requests sent in turn on each connection, instead of the one described by the options above. */
      requests?: Request[];
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
