// Migrations+Shuttle: schema step 4, the shuttle's tables and the triggers that hold its seats,
// kept beside the other steps' list in Migrations.swift (append-only, never edited once shipped).

extension Migrations {
    /// 4: the shuttle to the examination centre: lines (the shape of a transport event's runs), runs,
    /// stops, bookings; capacity, wheelchair places and CCAS quotas enforced by triggers. The
    /// outbox is rebuilt (https://sqlite.org/lang_altertable.html#otheralter: create, copy,
    /// drop, rename) so that a row may concern a booking instead of an occurrence, and to admit
    /// the shuttle message kinds in its CHECK.
    static let shuttleStep = """
        CREATE TABLE shuttle_line (
            event TEXT PRIMARY KEY REFERENCES event(uid),
            seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 100),
            wheelchair_places INTEGER NOT NULL CHECK (wheelchair_places BETWEEN 0 AND 10),
            seats_per_wheelchair INTEGER NOT NULL CHECK (seats_per_wheelchair BETWEEN 1 AND 10),
            arrival_minutes INTEGER NOT NULL CHECK (arrival_minutes > 0),
            return_minutes INTEGER NOT NULL CHECK (return_minutes >= arrival_minutes),
            destination TEXT NOT NULL CHECK (destination <> ''),
            ccas_quota INTEGER CHECK (ccas_quota IS NULL OR ccas_quota > 0),
            loaded_at INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE shuttle_line_stop (
            event TEXT NOT NULL REFERENCES shuttle_line(event) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 1),
            commune TEXT NOT NULL REFERENCES commune(slug),
            place TEXT NOT NULL CHECK (place <> ''),
            offset_minutes INTEGER NOT NULL CHECK (offset_minutes >= 0),
            PRIMARY KEY (event, position)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE shuttle_run (
            id INTEGER PRIMARY KEY,
            occurrence INTEGER UNIQUE REFERENCES occurrence(id),
            occurrence_version INTEGER,
            label TEXT NOT NULL CHECK (label <> ''),
            departs_at INTEGER NOT NULL,
            arrives_at INTEGER NOT NULL,
            returns_at INTEGER NOT NULL,
            destination TEXT NOT NULL CHECK (destination <> ''),
            seats INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 100),
            wheelchair_places INTEGER NOT NULL CHECK (wheelchair_places BETWEEN 0 AND 10),
            seats_per_wheelchair INTEGER NOT NULL CHECK (seats_per_wheelchair BETWEEN 1 AND 10),
            ccas_quota INTEGER CHECK (ccas_quota IS NULL OR ccas_quota > 0),
            status TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled')),
            version INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL,
            cancelled_at INTEGER,
            cancel_reason TEXT,
            CHECK (departs_at < arrives_at AND arrives_at <= returns_at),
            CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
        ) STRICT;
        CREATE INDEX shuttle_run_by_departure ON shuttle_run(departs_at);
        CREATE TABLE shuttle_stop (
            run INTEGER NOT NULL REFERENCES shuttle_run(id),
            position INTEGER NOT NULL CHECK (position >= 1),
            commune TEXT NOT NULL REFERENCES commune(slug),
            place TEXT NOT NULL CHECK (place <> ''),
            pickup_at INTEGER NOT NULL,
            PRIMARY KEY (run, position)
        ) STRICT, WITHOUT ROWID;
        -- A booking outlives the person's data (participant set to NULL when forgotten); commune is
        -- the resident's at booking time: whose CCAS sees the booking, and whose quota it counts in.
        -- Seats held: `seats` on each leg it covers (outbound, inbound) while confirmed, completed or no_show;
        -- a wheelchair place is held for the whole run, whatever the legs.
        CREATE TABLE shuttle_booking (
            id INTEGER PRIMARY KEY,
            run INTEGER NOT NULL REFERENCES shuttle_run(id),
            participant INTEGER REFERENCES participant(id) ON DELETE SET NULL,
            commune TEXT NOT NULL REFERENCES commune(slug),
            stop INTEGER NOT NULL,
            outbound INTEGER NOT NULL CHECK (outbound IN (0, 1)),
            inbound INTEGER NOT NULL CHECK (inbound IN (0, 1)),
            companion INTEGER NOT NULL CHECK (companion IN (0, 1)),
            wheelchair INTEGER NOT NULL CHECK (wheelchair IN (0, 1)),
            seats INTEGER NOT NULL CHECK (seats >= 1),
            appointment_at INTEGER,
            quotient INTEGER CHECK (quotient IS NULL OR quotient >= 0),
            fare_band TEXT NOT NULL,
            fare_cents INTEGER NOT NULL CHECK (fare_cents >= 0),
            status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled', 'completed', 'no_show')),
            waitlist_reason TEXT,
            booked_at INTEGER NOT NULL,
            booked_by TEXT NOT NULL,
            confirmed_at INTEGER,
            promoted_at INTEGER,
            cancelled_at INTEGER,
            cancelled_late INTEGER NOT NULL DEFAULT 0 CHECK (cancelled_late IN (0, 1)),
            cancel_reason TEXT,
            settled_at INTEGER,
            warning TEXT,
            CHECK (outbound + inbound >= 1),
            CHECK (status NOT IN ('confirmed', 'completed', 'no_show') OR confirmed_at IS NOT NULL),
            CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL)),
            FOREIGN KEY (run, stop) REFERENCES shuttle_stop(run, position)
        ) STRICT;
        CREATE UNIQUE INDEX shuttle_booking_once ON shuttle_booking(run, participant) WHERE status IN ('confirmed', 'waitlisted');
        CREATE INDEX shuttle_booking_by_run ON shuttle_booking(run, status);
        CREATE INDEX shuttle_booking_by_participant ON shuttle_booking(participant);
        CREATE TRIGGER shuttle_booking_seats_match_the_vehicle BEFORE INSERT ON shuttle_booking
        WHEN NEW.seats <> NEW.companion + CASE WHEN NEW.wheelchair = 1
            THEN (SELECT seats_per_wheelchair FROM shuttle_run WHERE id = NEW.run) ELSE 1 END
        BEGIN SELECT RAISE(ABORT, 'relais: booking seats do not match the vehicle'); END;
        CREATE TRIGGER shuttle_booking_seats_stay_matched BEFORE UPDATE OF seats, companion, wheelchair, run ON shuttle_booking
        WHEN NEW.seats <> NEW.companion + CASE WHEN NEW.wheelchair = 1
            THEN (SELECT seats_per_wheelchair FROM shuttle_run WHERE id = NEW.run) ELSE 1 END
        BEGIN SELECT RAISE(ABORT, 'relais: booking seats do not match the vehicle'); END;
        CREATE TRIGGER shuttle_booking_within_capacity BEFORE INSERT ON shuttle_booking
        WHEN NEW.status IN ('confirmed', 'completed', 'no_show')
        BEGIN
            SELECT RAISE(ABORT, 'relais: shuttle run cancelled') FROM shuttle_run WHERE id = NEW.run AND status = 'cancelled';
            SELECT RAISE(ABORT, 'relais: no wheelchair place left') FROM shuttle_run r WHERE r.id = NEW.run AND NEW.wheelchair = 1
                AND 1 + (SELECT count(*) FROM shuttle_booking b WHERE b.run = NEW.run AND b.wheelchair = 1
                    AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.wheelchair_places;
            SELECT RAISE(ABORT, 'relais: shuttle full') FROM shuttle_run r WHERE r.id = NEW.run AND (
                (NEW.outbound = 1 AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run
                    AND b.outbound = 1 AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.seats)
                OR (NEW.inbound = 1 AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run
                    AND b.inbound = 1 AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.seats));
            SELECT RAISE(ABORT, 'relais: CCAS quota reached') FROM shuttle_run r WHERE r.id = NEW.run AND r.ccas_quota IS NOT NULL
                AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run AND b.commune = NEW.commune
                    AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.ccas_quota;
        END;
        CREATE TRIGGER shuttle_booking_stays_within_capacity
        BEFORE UPDATE OF status, seats, outbound, inbound, wheelchair, run, commune ON shuttle_booking
        WHEN NEW.status IN ('confirmed', 'completed', 'no_show')
        BEGIN
            SELECT RAISE(ABORT, 'relais: shuttle run cancelled') FROM shuttle_run WHERE id = NEW.run AND status = 'cancelled'
                AND OLD.status NOT IN ('confirmed', 'completed', 'no_show');
            SELECT RAISE(ABORT, 'relais: no wheelchair place left') FROM shuttle_run r WHERE r.id = NEW.run AND NEW.wheelchair = 1
                AND 1 + (SELECT count(*) FROM shuttle_booking b WHERE b.run = NEW.run AND b.wheelchair = 1
                    AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.wheelchair_places;
            SELECT RAISE(ABORT, 'relais: shuttle full') FROM shuttle_run r WHERE r.id = NEW.run AND (
                (NEW.outbound = 1 AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run
                    AND b.outbound = 1 AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.seats)
                OR (NEW.inbound = 1 AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run
                    AND b.inbound = 1 AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.seats));
            SELECT RAISE(ABORT, 'relais: CCAS quota reached') FROM shuttle_run r WHERE r.id = NEW.run AND r.ccas_quota IS NOT NULL
                AND NEW.seats + (SELECT coalesce(sum(b.seats), 0) FROM shuttle_booking b WHERE b.run = NEW.run AND b.commune = NEW.commune
                    AND b.status IN ('confirmed', 'completed', 'no_show') AND b.id IS NOT NEW.id) > r.ccas_quota;
        END;
        CREATE TRIGGER shuttle_run_keeps_its_passengers BEFORE UPDATE OF seats, wheelchair_places, seats_per_wheelchair ON shuttle_run
        BEGIN
            SELECT RAISE(ABORT, 'relais: shuttle full') WHERE
                (SELECT coalesce(sum(seats), 0) FROM shuttle_booking WHERE run = NEW.id AND outbound = 1
                    AND status IN ('confirmed', 'completed', 'no_show')) > NEW.seats
                OR (SELECT coalesce(sum(seats), 0) FROM shuttle_booking WHERE run = NEW.id AND inbound = 1
                    AND status IN ('confirmed', 'completed', 'no_show')) > NEW.seats;
            SELECT RAISE(ABORT, 'relais: no wheelchair place left') WHERE
                (SELECT count(*) FROM shuttle_booking WHERE run = NEW.id AND wheelchair = 1
                    AND status IN ('confirmed', 'completed', 'no_show')) > NEW.wheelchair_places;
            SELECT RAISE(ABORT, 'relais: booking seats do not match the vehicle') WHERE NEW.seats_per_wheelchair <> OLD.seats_per_wheelchair
                AND EXISTS (SELECT 1 FROM shuttle_booking WHERE run = NEW.id AND wheelchair = 1 AND status <> 'cancelled');
        END;
        CREATE TABLE outbox_rebuilt (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('reminder', 'moved', 'cancelled', 'shuttle-reminder', 'shuttle-promoted', 'shuttle-cancelled')),
            channel TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
            registration INTEGER REFERENCES registration(id),
            participant INTEGER REFERENCES participant(id) ON DELETE SET NULL,
            occurrence INTEGER REFERENCES occurrence(id),
            occurrence_version INTEGER NOT NULL,
            alarm INTEGER,
            state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'deferred', 'failed', 'cancelled', 'dropped')),
            due_at INTEGER NOT NULL,
            nominal_at INTEGER,
            not_after INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            first_attempt_at INTEGER,
            lease_owner TEXT,
            lease_until INTEGER,
            reason TEXT,
            reply TEXT,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            sent_at INTEGER,
            booking INTEGER REFERENCES shuttle_booking(id),
            CHECK ((state = 'sending') = (lease_until IS NOT NULL)),
            CHECK (state <> 'sent' OR sent_at IS NOT NULL),
            CHECK ((kind LIKE 'shuttle-%') = (booking IS NOT NULL)),
            CHECK (booking IS NOT NULL OR occurrence IS NOT NULL)
        ) STRICT;
        INSERT INTO outbox_rebuilt (id, key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
            state, due_at, nominal_at, not_after, attempts, first_attempt_at, lease_owner, lease_until, reason, reply,
            created_at, updated_at, sent_at)
        SELECT id, key, kind, channel, registration, participant, occurrence, occurrence_version, alarm,
            state, due_at, nominal_at, not_after, attempts, first_attempt_at, lease_owner, lease_until, reason, reply,
            created_at, updated_at, sent_at FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_rebuilt RENAME TO outbox;
        CREATE INDEX outbox_due ON outbox(state, due_at) WHERE state IN ('queued', 'deferred', 'sending');
        CREATE INDEX outbox_by_participant ON outbox(participant, due_at);
        CREATE INDEX outbox_by_occurrence ON outbox(occurrence);
        CREATE INDEX outbox_by_booking ON outbox(booking) WHERE booking IS NOT NULL;
        """
}
