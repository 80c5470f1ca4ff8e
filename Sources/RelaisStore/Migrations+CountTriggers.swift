// Migrations+CountTriggers: schema step 28, the counting triggers of steps 21 and 27 merged, one trigger
// per table and event where their conditions allow, with the same statements and the same counts.
//
// Why. SQLite runs each row trigger as a sub-program with a frame of its own, set up for every row the
// statement writes, before its WHEN is even read (and this SQLite, built without lookaside memory, takes
// that frame from malloc). Step 27 added two triggers on each outbox INSERT and UPDATE and one on each
// registration INSERT: an intake, which writes one registration and two or three queued messages per
// person, set up five more frames per person, all but one for nothing (a queued message is neither sent
// nor failed); `scripts/bench-intake` showed it (CPU ratio to SQLite without triggers from 1.1-1.7 to
// 1.3-2.6 over runs). Now:
//
//   - a registration inserted confirmed: one trigger adds it to its session's place counter (step 21)
//     and to the reports' count (step 27); one deleted while confirmed: one trigger takes it from both;
//   - an outbox row inserted sent or failed: one trigger marks its registration reminded (a reminder
//     sent) and counts its outcome; one updated: one trigger, fired by a change of the columns either
//     looked at, doing what the two did, each statement under its own condition.
//
// The UPDATE triggers of registrations (place counter, report count) keep their own column lists.

extension Migrations {
    /// 28: the counting triggers of steps 21 and 27 merged, fewer trigger frames per written row.
    static let countTriggersStep = """
        DROP TRIGGER registration_inserted_counts;
        DROP TRIGGER registration_inserted_in_report;
        CREATE TRIGGER registration_inserted_counts AFTER INSERT ON registration
        WHEN NEW.status = 'confirmed'
        BEGIN
            UPDATE occurrence SET confirmed_count = confirmed_count + 1 WHERE id = NEW.occurrence;
            INSERT INTO registration_count (occurrence, age_group, reminded, present, registrations)
            VALUES (NEW.occurrence, coalesce(NEW.age_group, ''), NEW.reminded, NEW.attended_at IS NOT NULL, 1)
            ON CONFLICT DO UPDATE SET registrations = registrations + 1;
        END;
        DROP TRIGGER registration_deleted_counts;
        DROP TRIGGER registration_deleted_from_report;
        CREATE TRIGGER registration_deleted_counts AFTER DELETE ON registration
        WHEN OLD.status = 'confirmed'
        BEGIN
            UPDATE occurrence SET confirmed_count = confirmed_count - 1 WHERE id = OLD.occurrence;
            UPDATE registration_count SET registrations = registrations - 1
            WHERE occurrence = OLD.occurrence AND age_group = coalesce(OLD.age_group, '') AND reminded = OLD.reminded
                AND present = (OLD.attended_at IS NOT NULL);
        END;

        DROP TRIGGER outbox_reminder_sent_inserted;
        DROP TRIGGER outbox_outcome_inserted;
        CREATE TRIGGER outbox_inserted_counts AFTER INSERT ON outbox
        WHEN NEW.state IN ('sent', 'failed')
        BEGIN
            UPDATE registration SET reminded = 1
            WHERE NEW.kind = 'reminder' AND NEW.state = 'sent' AND id = NEW.registration AND reminded = 0;
            INSERT INTO outbox_outcome_count (occurrence, kind, channel, state, messages, sized, segments)
            SELECT NEW.occurrence, NEW.kind, NEW.channel, NEW.state, 1, NEW.sms_segments IS NOT NULL, coalesce(NEW.sms_segments, 0)
            WHERE NEW.occurrence IS NOT NULL
            ON CONFLICT DO UPDATE SET messages = messages + 1, sized = sized + excluded.sized, segments = segments + excluded.segments;
        END;
        DROP TRIGGER outbox_reminder_sent;
        DROP TRIGGER outbox_outcome_changed;
        CREATE TRIGGER outbox_changed_counts AFTER UPDATE OF state, occurrence, kind, channel, sms_segments, registration ON outbox
        WHEN (OLD.state IN ('sent', 'failed') OR NEW.state IN ('sent', 'failed'))
            AND (NEW.state IS NOT OLD.state OR NEW.occurrence IS NOT OLD.occurrence OR NEW.kind IS NOT OLD.kind
                OR NEW.channel IS NOT OLD.channel OR NEW.sms_segments IS NOT OLD.sms_segments
                OR NEW.registration IS NOT OLD.registration)
        BEGIN
            UPDATE registration SET reminded = 1
            WHERE NEW.kind = 'reminder' AND NEW.state = 'sent' AND id = NEW.registration AND reminded = 0;
            UPDATE outbox_outcome_count
            SET messages = messages - 1, sized = sized - (OLD.sms_segments IS NOT NULL), segments = segments - coalesce(OLD.sms_segments, 0)
            WHERE OLD.state IN ('sent', 'failed')
                AND occurrence = OLD.occurrence AND kind = OLD.kind AND channel = OLD.channel AND state = OLD.state;
            INSERT INTO outbox_outcome_count (occurrence, kind, channel, state, messages, sized, segments)
            SELECT NEW.occurrence, NEW.kind, NEW.channel, NEW.state, 1, NEW.sms_segments IS NOT NULL, coalesce(NEW.sms_segments, 0)
            WHERE NEW.state IN ('sent', 'failed') AND NEW.occurrence IS NOT NULL
            ON CONFLICT DO UPDATE SET messages = messages + 1, sized = sized + excluded.sized, segments = segments + excluded.segments;
        END;
        """
}
