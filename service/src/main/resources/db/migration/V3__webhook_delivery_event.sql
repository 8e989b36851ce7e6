-- Which event a delivery attempt carried (Verilock-Event): session.finalised or session.reviewed. Rows written
-- before this migration were all session.finalised.
ALTER TABLE webhook_deliveries ADD COLUMN event_type VARCHAR(64) NOT NULL DEFAULT 'session.finalised';
