// `npm start`: build what is not built, then run the server in this process (migrations and the demo run at start).
import { register } from 'tsx/esm/api';
import { ensureWebBuilt } from './build-web.mjs';

ensureWebBuilt();
register();
await import('../server/main.ts');
