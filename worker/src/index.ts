/**
 * sceau's edge worker: `wrangler deploy` this file.
 * @module
 */
import { createApp } from "./app.ts";

export type { Env } from "./env.ts";

const app = createApp();

export default app;
