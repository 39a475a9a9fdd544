-- Emptied on purpose: this migration used to put the demo shop's CDs on sale in every database, production
-- included. Databases that applied it keep its name in d1_migrations, so it stays, as a no-op. The demo's
-- catalog now lives in demo/catalog.json and reaches the local databases of `npm start`, the end-to-end tests
-- and the worker's tests through `npm run catalog -- push`; a merchant's own catalog.json goes the same way.
-- A production database that still sells the demo CDs: `npm run catalog -- push --remote` with your catalog
-- retires every product it does not list.
SELECT 1;
