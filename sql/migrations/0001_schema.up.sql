-- 0001 schema: the spec's tables (v2.1) plus the additions of DESIGN.md §3.
-- Run by the migration runner as a superuser, inside one transaction.
-- Roles first (cluster-wide, so created only when missing), then every object is
-- created as boxoffice_owner so that role, not the migrating superuser, owns it.

SET LOCAL client_min_messages = warning;
DO $roles$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['boxoffice_owner', 'boxoffice_api', 'boxoffice_report',
                           'boxoffice_staff', 'boxoffice_clerk', 'boxoffice_supervisor',
                           'boxoffice_helpdesk'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
    END IF;
  END LOOP;
END
$roles$;
-- Materialized views aggregate every organisation; only their owner may see all rows
-- while refreshing. That owner logs in never, has no members and owns nothing else.
ALTER ROLE boxoffice_report NOLOGIN BYPASSRLS;
ALTER ROLE boxoffice_owner NOLOGIN NOBYPASSRLS;
ALTER ROLE boxoffice_api NOLOGIN NOBYPASSRLS;
GRANT boxoffice_staff TO boxoffice_clerk, boxoffice_supervisor, boxoffice_helpdesk;
GRANT boxoffice_clerk TO boxoffice_supervisor;

-- Extensions live in their own schema: nothing in it is executable by PUBLIC.
CREATE SCHEMA ext AUTHORIZATION boxoffice_owner;
CREATE EXTENSION "uuid-ossp" SCHEMA ext;
CREATE EXTENSION pgcrypto SCHEMA ext;
CREATE EXTENSION pg_trgm SCHEMA ext;
-- the spec's slow-query monitoring; needs shared_preload_libraries to be queried
CREATE EXTENSION pg_stat_statements SCHEMA ext;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ext FROM PUBLIC;
GRANT USAGE ON SCHEMA ext TO boxoffice_owner, boxoffice_api, boxoffice_report, boxoffice_staff;
GRANT EXECUTE ON FUNCTION ext.uuid_generate_v4() TO boxoffice_owner, boxoffice_api;
GRANT EXECUTE ON FUNCTION ext.gen_random_bytes(integer) TO boxoffice_api;
GRANT EXECUTE ON FUNCTION ext.digest(text, text) TO boxoffice_api;

-- The spec's queries name tables and uuid_generate_v4() unqualified. Only staff connect.
DO $db$ BEGIN
  EXECUTE pg_catalog.format('ALTER DATABASE %I SET search_path = public, ext',
                            pg_catalog.current_database());
  EXECUTE pg_catalog.format('REVOKE ALL ON DATABASE %I FROM PUBLIC', pg_catalog.current_database());
  EXECUTE pg_catalog.format('GRANT CONNECT ON DATABASE %I TO boxoffice_staff', pg_catalog.current_database());
END $db$;
SET LOCAL search_path = public, ext;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO boxoffice_owner;
GRANT USAGE ON SCHEMA public TO boxoffice_api, boxoffice_report, boxoffice_staff;

-- Row and seat labels sort naturally ("2" before "10", "A" before "AA"? no: A, B, …, AA):
-- with this collation the spec's query 1 ORDER BY row_label, number_label reads right.
CREATE COLLATION natural_sort (provider = icu, locale = 'und-u-kn-true');
ALTER COLLATION natural_sort OWNER TO boxoffice_owner;

SET LOCAL ROLE boxoffice_owner;

CREATE FUNCTION touch_updated_at() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.updated_at := pg_catalog.now();
  RETURN NEW;
END $$;

CREATE TABLE organizations (
    id          uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    deleted     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    -- every child references (organization_id, id): see DESIGN.md §3
    organization_id uuid GENERATED ALWAYS AS (id) STORED,
    UNIQUE (organization_id, id)
);

-- Staff: one PostgreSQL login per person; current_org_id() maps session_user here.
CREATE TABLE staff (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL REFERENCES organizations(id),
    login_role      name NOT NULL UNIQUE,
    staff_role      text NOT NULL CHECK (staff_role IN ('CLERK', 'SUPERVISOR', 'HELPDESK')),
    display_name    text NOT NULL,
    deleted         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id)
);

-- Ticket buyers (the spec's users). A walk-up sale without a name uses the
-- organisation's walk-up customer, so the gate query's inner join finds it.
CREATE TABLE users (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL REFERENCES organizations(id),
    full_name       text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    email           text CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    phone           text,
    is_walk_up      boolean NOT NULL DEFAULT false,
    deleted         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id)
);
CREATE UNIQUE INDEX uq_users_walk_up ON users (organization_id) WHERE is_walk_up;

CREATE TABLE venues (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL REFERENCES organizations(id),
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    address         text,
    deleted         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (organization_id, name)
);

CREATE TABLE sections (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    venue_id        uuid NOT NULL,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    type            text NOT NULL CHECK (type IN ('NUMBERED', 'GENERAL')),
    -- GENERAL: how many people; NUMBERED: the number of seats (kept by the importer)
    capacity        integer NOT NULL DEFAULT 0 CHECK (capacity >= 0),
    sort_order      integer NOT NULL DEFAULT 0,
    deleted         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (venue_id, name),
    FOREIGN KEY (organization_id, venue_id) REFERENCES venues (organization_id, id)
);

CREATE TABLE seats (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    section_id      uuid NOT NULL,
    row_label       text COLLATE natural_sort NOT NULL CHECK (length(row_label) BETWEEN 1 AND 20),
    number_label    text COLLATE natural_sort NOT NULL CHECK (length(number_label) BETWEEN 1 AND 20),
    -- plan coordinates: origin top-left, y down, unitless (pretix convention)
    x_position      numeric(10, 2) NOT NULL,
    y_position      numeric(10, 2) NOT NULL,
    is_accessible   boolean NOT NULL DEFAULT false,
    deleted         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (section_id, row_label, number_label),
    FOREIGN KEY (organization_id, section_id) REFERENCES sections (organization_id, id)
);

CREATE TABLE events (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    venue_id        uuid NOT NULL,
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    start_time      timestamptz NOT NULL,
    status          text NOT NULL DEFAULT 'DRAFT'
                    CHECK (status IN ('DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED')),
    deleted         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, venue_id) REFERENCES venues (organization_id, id)
);

-- Which sections an event uses, capacity overrides, and the general-admission counters.
-- capacity is the effective capacity (custom_capacity or the section's), kept by a
-- trigger so the CHECK below can guard the counters in the row itself.
CREATE TABLE event_sections (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    event_id        uuid NOT NULL,
    section_id      uuid NOT NULL,
    is_active       boolean NOT NULL DEFAULT true,
    custom_capacity integer CHECK (custom_capacity >= 0),
    capacity        integer NOT NULL DEFAULT 0,
    sold            integer NOT NULL DEFAULT 0,
    held            integer NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (event_id, section_id),
    CONSTRAINT event_sections_counters CHECK (sold >= 0 AND held >= 0 AND sold + held <= capacity),
    FOREIGN KEY (organization_id, event_id) REFERENCES events (organization_id, id),
    FOREIGN KEY (organization_id, section_id) REFERENCES sections (organization_id, id)
);

CREATE TABLE ticket_tiers (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    event_id        uuid NOT NULL,
    section_id      uuid NOT NULL,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    price           numeric(10, 2) NOT NULL CHECK (price >= 0),
    fee             numeric(10, 2) NOT NULL DEFAULT 0 CHECK (fee >= 0),
    deleted         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (event_id, section_id, name),
    FOREIGN KEY (organization_id, event_id) REFERENCES events (organization_id, id),
    FOREIGN KEY (organization_id, section_id) REFERENCES sections (organization_id, id)
);

CREATE TABLE orders (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    user_id         uuid NOT NULL,
    event_id        uuid NOT NULL,
    status          text NOT NULL DEFAULT 'PENDING'
                    CHECK (status IN ('PENDING', 'PAID', 'FAILED', 'CANCELLED')),
    total_amount    numeric(10, 2) NOT NULL DEFAULT 0 CHECK (total_amount >= 0),
    platform_fee    numeric(10, 2) NOT NULL DEFAULT 0 CHECK (platform_fee >= 0),
    net_amount      numeric(10, 2) NOT NULL DEFAULT 0,
    created_by      name NOT NULL DEFAULT session_user,
    expires_at      timestamptz,
    paid_at         timestamptz,
    deleted         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    CHECK (net_amount = total_amount - platform_fee),
    FOREIGN KEY (organization_id, user_id) REFERENCES users (organization_id, id),
    FOREIGN KEY (organization_id, event_id) REFERENCES events (organization_id, id)
);

-- What a pending order will issue: one line per ticket (a seat, or one GA place).
CREATE TABLE order_items (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    order_id        uuid NOT NULL,
    ticket_tier_id  uuid NOT NULL,
    seat_id         uuid,
    unit_price      numeric(10, 2) NOT NULL CHECK (unit_price >= 0),
    unit_fee        numeric(10, 2) NOT NULL DEFAULT 0 CHECK (unit_fee >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    UNIQUE (order_id, seat_id),
    FOREIGN KEY (organization_id, order_id) REFERENCES orders (organization_id, id),
    FOREIGN KEY (organization_id, ticket_tier_id) REFERENCES ticket_tiers (organization_id, id),
    FOREIGN KEY (organization_id, seat_id) REFERENCES seats (organization_id, id)
);

CREATE TABLE tickets (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    order_id        uuid NOT NULL,
    event_id        uuid NOT NULL,
    ticket_tier_id  uuid NOT NULL,
    seat_id         uuid,
    status          text NOT NULL DEFAULT 'VALID' CHECK (status IN ('VALID', 'USED', 'CANCELLED')),
    -- SHA-256 (hex) of the random token printed in the QR code; the token is never stored
    qr_code_hash    text NOT NULL CHECK (qr_code_hash ~ '^[0-9a-f]{64}$'),
    price_snapshot  numeric(10, 2) NOT NULL CHECK (price_snapshot >= 0),
    scanned_at      timestamptz,
    cancelled_at    timestamptz,
    cancel_reason   text,
    deleted         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    CHECK ((status = 'USED') = (scanned_at IS NOT NULL) OR status = 'CANCELLED'),
    FOREIGN KEY (organization_id, order_id) REFERENCES orders (organization_id, id),
    FOREIGN KEY (organization_id, event_id) REFERENCES events (organization_id, id),
    FOREIGN KEY (organization_id, ticket_tier_id) REFERENCES ticket_tiers (organization_id, id),
    FOREIGN KEY (organization_id, seat_id) REFERENCES seats (organization_id, id)
);
-- The spec's UNIQUE(event_id, seat_id), partial so that a cancelled seat can be resold.
CREATE UNIQUE INDEX uq_tickets_event_seat_live ON tickets (event_id, seat_id)
    WHERE status <> 'CANCELLED';
CREATE INDEX idx_tickets_order ON tickets (order_id);

CREATE TABLE ticket_validations (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    ticket_id       uuid NOT NULL,
    validated_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    gate            text NOT NULL CHECK (length(gate) BETWEEN 1 AND 100),
    staff_login     name NOT NULL DEFAULT session_user,
    result          text NOT NULL CHECK (result IN ('ADMITTED', 'ALREADY_USED', 'CANCELLED', 'WRONG_EVENT')),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    FOREIGN KEY (organization_id, ticket_id) REFERENCES tickets (organization_id, id)
);

-- Per-event seat inventory: one row per numbered seat and event (DESIGN.md §3).
-- hold_id is the client-generated id of the order being built, so a retried or
-- second terminal of the same clerk never steals or duplicates a hold.
CREATE TABLE event_seats (
    organization_id uuid NOT NULL,
    event_id        uuid NOT NULL,
    seat_id         uuid NOT NULL,
    status          text NOT NULL DEFAULT 'AVAILABLE'
                    CHECK (status IN ('AVAILABLE', 'HELD', 'SOLD', 'KILLED')),
    hold_id         uuid,
    held_by         name,
    hold_expires_at timestamptz,
    ticket_id       uuid,
    kill_reason     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, seat_id),
    CONSTRAINT event_seats_hold_shape CHECK ((status = 'HELD') = (hold_id IS NOT NULL AND held_by IS NOT NULL AND hold_expires_at IS NOT NULL)),
    CONSTRAINT event_seats_sold_shape CHECK ((status = 'SOLD') = (ticket_id IS NOT NULL)),
    FOREIGN KEY (organization_id, event_id) REFERENCES events (organization_id, id),
    FOREIGN KEY (organization_id, seat_id) REFERENCES seats (organization_id, id),
    FOREIGN KEY (organization_id, ticket_id) REFERENCES tickets (organization_id, id)
);
CREATE INDEX idx_event_seats_hold ON event_seats (hold_id) WHERE hold_id IS NOT NULL;

CREATE TABLE payments (
    id              uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
    organization_id uuid NOT NULL,
    order_id        uuid NOT NULL,
    method          text NOT NULL CHECK (method IN ('CASH', 'CARD', 'COMP')),
    amount          numeric(10, 2) NOT NULL CHECK (amount >= 0),
    tendered        numeric(10, 2) CHECK (tendered >= amount),
    change_due      numeric(10, 2) CHECK (change_due >= 0),
    reference       text,
    reason          text,
    created_by      name NOT NULL DEFAULT session_user,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (organization_id, id),
    CHECK (method <> 'CASH' OR (tendered IS NOT NULL AND change_due = tendered - amount)),
    CHECK (method <> 'COMP' OR length(reason) > 0),
    FOREIGN KEY (organization_id, order_id) REFERENCES orders (organization_id, id)
);
CREATE INDEX idx_payments_order ON payments (order_id);

-- Append-only record of every state change: who (session_user), when, what, before/after.
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organization_id uuid NOT NULL,
    at              timestamptz NOT NULL DEFAULT clock_timestamp(),
    who             name NOT NULL DEFAULT session_user,
    table_name      text NOT NULL,
    row_id          uuid,
    action          text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE')),
    before          jsonb,
    after           jsonb
);
CREATE INDEX idx_audit_log_row ON audit_log (row_id, at);

-- The spec's seven indexes, by name.
CREATE INDEX idx_seats_position ON seats (section_id, x_position, y_position) WHERE deleted = false;
CREATE INDEX idx_tickets_status_event ON tickets (event_id, status) WHERE status IN ('VALID', 'USED');
CREATE INDEX idx_orders_user_status ON orders (user_id, status, created_at DESC);
CREATE INDEX idx_events_org_status ON events (organization_id, status, start_time) WHERE deleted = false;
CREATE INDEX idx_event_sections_event ON event_sections (event_id, is_active);
-- unique: two tickets with one hash would let one printout admit twice
CREATE UNIQUE INDEX idx_tickets_qr_hash ON tickets (qr_code_hash);
CREATE INDEX idx_ticket_validations_ticket ON ticket_validations (ticket_id, validated_at DESC);
-- ours: foreign keys that are searched, and the pending-order sweep
CREATE INDEX idx_tickets_tier ON tickets (ticket_tier_id) WHERE status IN ('VALID', 'USED');
CREATE INDEX idx_orders_event_pending ON orders (event_id, expires_at) WHERE status = 'PENDING';
CREATE INDEX idx_order_items_order ON order_items (order_id);
CREATE INDEX idx_sections_venue ON sections (venue_id);
CREATE INDEX idx_ticket_tiers_event ON ticket_tiers (event_id, section_id);

-- updated_at is kept by the database, not by each writer.
DO $t$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['organizations', 'staff', 'users', 'venues', 'sections', 'seats',
                           'events', 'event_sections', 'ticket_tiers', 'orders', 'order_items',
                           'tickets', 'ticket_validations', 'event_seats', 'payments'] LOOP
    EXECUTE pg_catalog.format(
      'CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION touch_updated_at()',
      t || '_touch', t);
  END LOOP;
END
$t$;

-- Effective capacity of an event's section, so the counters' CHECK sees it in the row.
CREATE FUNCTION event_sections_capacity() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  NEW.capacity := COALESCE(NEW.custom_capacity,
                           (SELECT s.capacity FROM public.sections s WHERE s.id = NEW.section_id), 0);
  RETURN NEW;
END $$;
CREATE TRIGGER event_sections_capacity BEFORE INSERT OR UPDATE OF custom_capacity, section_id
    ON event_sections FOR EACH ROW EXECUTE FUNCTION event_sections_capacity();

CREATE FUNCTION sections_capacity_follow() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE public.event_sections es SET capacity = NEW.capacity
   WHERE es.section_id = NEW.id AND es.custom_capacity IS NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER sections_capacity_follow AFTER UPDATE OF capacity ON sections
    FOR EACH ROW WHEN (OLD.capacity IS DISTINCT FROM NEW.capacity)
    EXECUTE FUNCTION sections_capacity_follow();

RESET ROLE;
