DROP FUNCTION IF EXISTS event_seat_map(uuid, uuid), add_staff_login(name, uuid, text, text, text),
  set_tier(uuid, uuid, text, numeric, numeric), create_event(uuid, text, timestamptz, boolean, uuid),
  cancel_ticket(uuid, text), validate_ticket(text, text, uuid), abandon_order(uuid),
  mark_paid(uuid, jsonb), _token_hash(text), _new_token(),
  _record_payments(uuid, uuid, numeric, jsonb),
  create_order(uuid, uuid, jsonb, text, text, text, integer), _customer(uuid, text, text, text),
  release_holds(uuid, uuid[]), hold_seats(uuid, uuid, uuid[], integer),
  _hold_request(uuid, uuid, uuid[], integer),
  _release_order(uuid, text), _sweep_expired(uuid), _require_staff();
