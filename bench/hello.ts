import Fastify from 'fastify';

// The ceiling: the same framework on the same machine doing nothing but answer. Every other figure of the
// benchmark is read as a ratio to this one, measured in the same run.

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));

const port = Number(process.env.PORT ?? 3999);
app.listen({ port, host: '127.0.0.1' }).catch((err: unknown) => {
  process.stderr.write(`hello-world server failed to start: ${String(err)}\n`);
  process.exit(1);
});

const stop = () => {
  void app.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
