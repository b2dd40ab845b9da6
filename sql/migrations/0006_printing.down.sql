DROP VIEW IF EXISTS unprinted_tickets;
DROP FUNCTION IF EXISTS reprint_tickets(uuid[], text), record_prints(uuid[], text, integer, text, text, boolean),
  ticket_print_data(uuid[]);
REVOKE UPDATE (qr_code_hash, reprints, reprint_reason) ON tickets FROM boxoffice_api;
REVOKE SELECT (reprints, price_snapshot) ON tickets FROM boxoffice_helpdesk;
ALTER TABLE tickets DROP COLUMN IF EXISTS reprints, DROP COLUMN IF EXISTS reprint_reason;
DROP TABLE IF EXISTS ticket_prints;
