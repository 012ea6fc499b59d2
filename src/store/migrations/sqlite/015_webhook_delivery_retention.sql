-- Webhook delivery retention (webhooks.retention_days): finished deliveries (succeeded or dead) are deleted once
-- they are older than the retention, a batch at a time by the dispatcher (service/webhooks.hpp). This index
-- finds them oldest first without reading the pending ones.
CREATE INDEX webhook_deliveries_finished ON webhook_deliveries (updated_at) WHERE status IN ('succeeded', 'dead');
