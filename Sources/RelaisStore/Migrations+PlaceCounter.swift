// Migrations+PlaceCounter: schema step 21, each session's confirmed registrations held in a counter
// (`occurrence.confirmed_count`) that triggers keep, so that the capacity check of a registration
// reads one row instead of counting the session's registrations, kept beside the other steps' list
// in Migrations.swift (append-only, never edited once shipped).
//
// Why. Step 12's `registration_within_capacity` counted the confirmed registrations of the session
// on every insert: an import of n people to one session read 1 + 2 + ... + n index entries, and
// 60,000 people took 40 s where 20,000 took 6 s. The counter makes each check O(1), so an import
// grows with the number of people.
//
// How the counter stays right, whatever SQL is written:
//
// - A registration inserted confirmed adds one to its session; one deleted while confirmed takes
//   one away; an UPDATE of its status or session (a cancellation, a promotion, a move, an UPSERT's
//   DO UPDATE) takes one from the old session if it was confirmed and adds one to the new one if it
//   is. The step sets every session's counter from the rows already there.
// - An occurrence inserted, or replaced under its id by REPLACE (whose DELETE fires no trigger and
//   whose INSERT would give the counter its default), counts its confirmed registrations once.
// - A REPLACE of a registration deletes the old row without firing a trigger (recursive triggers
//   are off, https://www.sqlite.org/lang_conflict.html), so its session counts one place too many
//   until the next recount: the error is on the side that refuses a place, never on the side that
//   gives one too many. relais itself never writes REPLACE on registrations.
// - The capacity triggers of a registration (inserted, or becoming confirmed or moved) compare the
//   capacity with the counter; those of step 12 on events and occurrences (rare writes) keep their
//   COUNT. Messages are unchanged: `relais: occurrence full` is what Store+Registrations reads.

extension Migrations {
    /// 21: a counter of each session's confirmed registrations, kept by triggers, for an O(1) capacity check.
    static let placeCounterStep = """
        ALTER TABLE occurrence ADD COLUMN confirmed_count INTEGER NOT NULL DEFAULT 0 CHECK (confirmed_count >= 0);
        UPDATE occurrence SET confirmed_count = (
            SELECT count(*) FROM registration WHERE registration.occurrence = occurrence.id AND status = 'confirmed');

        CREATE TRIGGER registration_inserted_counts AFTER INSERT ON registration
        WHEN NEW.status = 'confirmed'
        BEGIN UPDATE occurrence SET confirmed_count = confirmed_count + 1 WHERE id = NEW.occurrence; END;
        CREATE TRIGGER registration_deleted_counts AFTER DELETE ON registration
        WHEN OLD.status = 'confirmed'
        BEGIN UPDATE occurrence SET confirmed_count = confirmed_count - 1 WHERE id = OLD.occurrence; END;
        CREATE TRIGGER registration_changed_counts AFTER UPDATE OF occurrence, status ON registration
        WHEN (OLD.status = 'confirmed' OR NEW.status = 'confirmed')
            AND (NEW.occurrence IS NOT OLD.occurrence OR NEW.status IS NOT OLD.status)
        BEGIN
            UPDATE occurrence SET confirmed_count = confirmed_count - 1 WHERE id = OLD.occurrence AND OLD.status = 'confirmed';
            UPDATE occurrence SET confirmed_count = confirmed_count + 1 WHERE id = NEW.occurrence AND NEW.status = 'confirmed';
        END;
        CREATE TRIGGER occurrence_inserted_counts AFTER INSERT ON occurrence
        BEGIN
            UPDATE occurrence SET confirmed_count = (
                SELECT count(*) FROM registration WHERE occurrence = NEW.id AND status = 'confirmed') WHERE id = NEW.id;
        END;

        DROP TRIGGER registration_within_capacity;
        DROP TRIGGER registration_stays_within_capacity;
        CREATE TRIGGER registration_within_capacity BEFORE INSERT ON registration
        WHEN NEW.status = 'confirmed'
            AND (SELECT e.capacity FROM occurrence o JOIN event e ON e.uid = o.event WHERE o.id = NEW.occurrence)
                <= (SELECT confirmed_count FROM occurrence WHERE id = NEW.occurrence)
        BEGIN SELECT RAISE(ABORT, 'relais: occurrence full'); END;
        CREATE TRIGGER registration_stays_within_capacity BEFORE UPDATE OF occurrence, status ON registration
        WHEN NEW.status = 'confirmed' AND (NEW.occurrence IS NOT OLD.occurrence OR OLD.status <> 'confirmed')
            AND (SELECT e.capacity FROM occurrence o JOIN event e ON e.uid = o.event WHERE o.id = NEW.occurrence)
                <= (SELECT confirmed_count FROM occurrence WHERE id = NEW.occurrence)
        BEGIN SELECT RAISE(ABORT, 'relais: occurrence full'); END;
        """
}
