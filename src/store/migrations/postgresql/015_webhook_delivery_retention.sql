-- The PostgreSQL twin of sqlite/015_webhook_delivery_retention.sql.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (updated_at) WHERE status IN ('succeeded', 'dead');
