// Migrations+Capacity: schema step 8, the triggers that keep every place people hold a place
// whatever SQL is written (relais, the sqlite3 shell, another program), kept beside the other
// steps' list in Migrations.swift (append-only, never edited once shipped).
//
// Invariants. A booking holds seats while confirmed, completed or no_show ("held" below); a
// session is "to come" while it is not cancelled and starts after the moment of the write.
//
//   I1  On every shuttle run, the seats held on the outbound leg, and those held on the return
//       leg, are at most the run's `seats`.
//   I2  On every shuttle run, the wheelchairs held are at most its `wheelchair_places`.
//   I3  On every shuttle run with a `ccas_quota`, the seats held by the residents of one commune
//       are at most the quota.
//   I4  A booking with a wheelchair that is not cancelled takes `companion + seats_per_wheelchair`
//       seats of its run.
//   I5  No session to come holds more registrations than its event's `capacity`.
//   I6  A booking never loses its run, nor a registration its occurrence, to a REPLACE.
//
// Who holds them. Steps 1 and 4 already guard the rows people create: a registration inserted or
// moved (I5, for every session, started or not), a booking inserted or changed (I1-I4). What they
// missed, and this step adds, is the other side: the places themselves changing under the people.
//
//   shuttle_run   UPDATE OF ccas_quota (I3); INSERT, which REPLACE and UPSERT also are (I1-I4 for
//                 the new row's values, I6); UPDATE OF id (I6). UPDATE OF seats, wheelchair_places,
//                 seats_per_wheelchair: step 4's shuttle_run_keeps_its_passengers.
//   event         UPDATE OF capacity and INSERT (I5).
//   occurrence    UPDATE OF event, status, starts_at and INSERT (I5); INSERT and UPDATE OF id (I6).
//
// What SQLite does that this relies on:
//
// - REPLACE is a DELETE then an INSERT, and the DELETE fires no trigger here: "When the REPLACE
//   conflict resolution strategy deletes rows in order to satisfy a constraint, delete triggers
//   fire if and only if recursive triggers are enabled" (https://www.sqlite.org/lang_conflict.html;
//   relais leaves recursive_triggers off). So every check on a REPLACE is an INSERT trigger. Child
//   rows keep their parent's key, so a row replaced under the same id keeps its bookings or
//   registrations (no foreign key into shuttle_run, occurrence or event has an ON DELETE action
//   that would delete them: the CASCADEs of the schema are on event_action_sheet, event_alarm,
//   shuttle_line_stop, consent and session, none of which holds a place; a REPLACE on event does
//   lose the event's action sheets and alarms that way, so write an UPDATE). A row replaced under
//   another id (the conflict is on shuttle_run.occurrence or occurrence(event, recurrence_key))
//   would leave its children pointing at nothing: relais's connections refuse that at the end of
//   the statement ("If a statement modifies the contents of the database so that an immediate
//   foreign key constraint is in violation at the conclusion the statement, an exception is thrown
//   and the effects of the statement are reverted", https://www.sqlite.org/foreignkeys.html), but
//   "Foreign key constraints are disabled by default (for backwards compatibility), so must be
//   enabled separately for each database connection" (same page), and the sqlite3 shell does not.
//   The *_replaced_keeps_its_* triggers (BEFORE INSERT) therefore refuse to replace a row that
//   people hold while it still exists. They cannot tell an UPSERT on that key (without the row's
//   id) from a REPLACE, so such an UPSERT is refused too: write an UPDATE.
// - An UPSERT is an INSERT whose conflict turns into an UPDATE: "If the insert operation would
//   cause the conflict target uniqueness constraint to fail, then the insert is omitted and the
//   corresponding DO NOTHING or DO UPDATE operation is performed instead"
//   (https://www.sqlite.org/lang_upsert.html). Its DO UPDATE fires the UPDATE OF triggers of the
//   columns it sets, so it is held by the same triggers as an UPDATE (the tests show each table).
// - "If the "UPDATE OF column-name" syntax is used, then the trigger will only fire if
//   column-name appears on the left-hand side of one of the terms in the SET clause of the UPDATE
//   statement" (https://www.sqlite.org/lang_createtrigger.html): the column lists below name every
//   column the checks read from NEW.
// - "The value of NEW.rowid is undefined in a BEFORE INSERT trigger in which the rowid is not
//   explicitly set to an integer. [...] programmers are encouraged to prefer AFTER triggers over
//   BEFORE triggers" (same page): checks that need the new row's id are AFTER INSERT triggers; the
//   BEFORE INSERT ones compare it with `IS NOT` only, where SQLite gives -1, never an id in use.
// - RAISE(ABORT, ...): "the specified ON CONFLICT processing is performed and the current query
//   terminates. An error code of SQLITE_CONSTRAINT is returned to the application, along with the
//   specified error message" (same page): the statement is undone and the transaction, if any, goes on.
// - I5 needs the moment of the write: "The 'now' argument to date and time functions always
//   returns exactly the same value for multiple invocations within the same sqlite3_step() call"
//   (https://www.sqlite.org/lang_datefunc.html). It is the machine's clock, not RELAIS_NOW: relais
//   decides with its own clock first (CapacityCheck), so the database only ever refuses what
//   relais would have refused, unless RELAIS_NOW is set later than the real time.

extension Migrations {
    /// 8: the places people hold cannot be taken from under them by changing a run, an event or an occurrence.
    static let capacityStep = """
        CREATE TRIGGER shuttle_run_quota_holds_its_passengers AFTER UPDATE OF ccas_quota ON shuttle_run
        WHEN NEW.ccas_quota IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, 'relais: CCAS quota reached') WHERE EXISTS (
                SELECT 1 FROM shuttle_booking WHERE run = NEW.id AND status IN ('confirmed', 'completed', 'no_show')
                GROUP BY commune HAVING sum(seats) > NEW.ccas_quota);
        END;
        CREATE TRIGGER shuttle_run_replaced_keeps_its_bookings BEFORE INSERT ON shuttle_run
        WHEN NEW.occurrence IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, 'relais: a booked shuttle run cannot be replaced') FROM shuttle_run r
            WHERE r.occurrence = NEW.occurrence AND r.id IS NOT NEW.id AND EXISTS (SELECT 1 FROM shuttle_booking WHERE run = r.id);
        END;
        CREATE TRIGGER shuttle_run_inserted_holds_its_passengers AFTER INSERT ON shuttle_run
        BEGIN
            SELECT RAISE(ABORT, 'relais: shuttle full') WHERE
                (SELECT coalesce(sum(seats), 0) FROM shuttle_booking WHERE run = NEW.id AND outbound = 1
                    AND status IN ('confirmed', 'completed', 'no_show')) > NEW.seats
                OR (SELECT coalesce(sum(seats), 0) FROM shuttle_booking WHERE run = NEW.id AND inbound = 1
                    AND status IN ('confirmed', 'completed', 'no_show')) > NEW.seats;
            SELECT RAISE(ABORT, 'relais: no wheelchair place left') WHERE
                (SELECT count(*) FROM shuttle_booking WHERE run = NEW.id AND wheelchair = 1
                    AND status IN ('confirmed', 'completed', 'no_show')) > NEW.wheelchair_places;
            SELECT RAISE(ABORT, 'relais: CCAS quota reached') WHERE NEW.ccas_quota IS NOT NULL AND EXISTS (
                SELECT 1 FROM shuttle_booking WHERE run = NEW.id AND status IN ('confirmed', 'completed', 'no_show')
                GROUP BY commune HAVING sum(seats) > NEW.ccas_quota);
            SELECT RAISE(ABORT, 'relais: booking seats do not match the vehicle') WHERE EXISTS (
                SELECT 1 FROM shuttle_booking WHERE run = NEW.id AND wheelchair = 1 AND status <> 'cancelled'
                    AND seats <> companion + NEW.seats_per_wheelchair);
        END;
        CREATE TRIGGER shuttle_run_keeps_its_id BEFORE UPDATE OF id ON shuttle_run
        WHEN NEW.id IS NOT OLD.id AND EXISTS (SELECT 1 FROM shuttle_booking WHERE run = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'relais: a booked shuttle run cannot change id'); END;

        CREATE TRIGGER event_capacity_holds_its_registrations AFTER UPDATE OF capacity ON event
        WHEN NEW.capacity IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, 'relais: capacity below the people registered') WHERE EXISTS (
                SELECT 1 FROM occurrence o WHERE o.event = NEW.uid AND o.status <> 'cancelled'
                    AND o.starts_at > CAST(strftime('%s', 'now') AS INTEGER)
                    AND (SELECT count(*) FROM registration WHERE occurrence = o.id) > NEW.capacity);
        END;
        CREATE TRIGGER event_inserted_holds_its_registrations AFTER INSERT ON event
        WHEN NEW.capacity IS NOT NULL
        BEGIN
            SELECT RAISE(ABORT, 'relais: capacity below the people registered') WHERE EXISTS (
                SELECT 1 FROM occurrence o WHERE o.event = NEW.uid AND o.status <> 'cancelled'
                    AND o.starts_at > CAST(strftime('%s', 'now') AS INTEGER)
                    AND (SELECT count(*) FROM registration WHERE occurrence = o.id) > NEW.capacity);
        END;
        CREATE TRIGGER occurrence_holds_its_registrations AFTER UPDATE OF event, status, starts_at ON occurrence
        WHEN NEW.status <> 'cancelled' AND NEW.starts_at > CAST(strftime('%s', 'now') AS INTEGER)
        BEGIN
            SELECT RAISE(ABORT, 'relais: occurrence full') WHERE
                (SELECT count(*) FROM registration WHERE occurrence = NEW.id) > (SELECT capacity FROM event WHERE uid = NEW.event);
        END;
        CREATE TRIGGER occurrence_inserted_holds_its_registrations AFTER INSERT ON occurrence
        WHEN NEW.status <> 'cancelled' AND NEW.starts_at > CAST(strftime('%s', 'now') AS INTEGER)
        BEGIN
            SELECT RAISE(ABORT, 'relais: occurrence full') WHERE
                (SELECT count(*) FROM registration WHERE occurrence = NEW.id) > (SELECT capacity FROM event WHERE uid = NEW.event);
        END;
        CREATE TRIGGER occurrence_replaced_keeps_its_registrations BEFORE INSERT ON occurrence
        BEGIN
            SELECT RAISE(ABORT, 'relais: an occurrence people registered to cannot be replaced') FROM occurrence o
            WHERE o.event = NEW.event AND o.recurrence_key = NEW.recurrence_key AND o.id IS NOT NEW.id
                AND EXISTS (SELECT 1 FROM registration WHERE occurrence = o.id);
        END;
        CREATE TRIGGER occurrence_keeps_its_id BEFORE UPDATE OF id ON occurrence
        WHEN NEW.id IS NOT OLD.id AND EXISTS (SELECT 1 FROM registration WHERE occurrence = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'relais: an occurrence people registered to cannot change id'); END;
        """
}
