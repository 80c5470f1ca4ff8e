// Migrations+PickupChangeVersion: the version of the latest `shuttle-pickup-changed` message queued
// for a booking, kept as a number beside its pickup (`shuttle_pickup.change_version`, 0: none yet),
// so that the next change message takes `change_version + 1` (Store+ShuttlePickupTold) instead of
// reading the versions back out of outbox keys. A database that already holds change messages
// starts from the highest version their keys carry (`…:v<n>`, possibly followed by `:email` on an
// e-mail copy; SQLite's CAST reads the leading digits: https://sqlite.org/lang_expr.html#castexpr,
// "any trailing characters are ignored"), read this once, so no new key meets an old one.

extension Migrations {
    static let pickupChangeVersionStep = """
        ALTER TABLE shuttle_pickup ADD COLUMN change_version INTEGER NOT NULL DEFAULT 0 CHECK (change_version >= 0);
        UPDATE shuttle_pickup SET change_version = coalesce((
            SELECT max(CAST(substr(o.key, instr(o.key, ':v') + 2) AS INTEGER)) FROM outbox o
            WHERE o.booking = shuttle_pickup.booking AND o.kind = 'shuttle-pickup-changed' AND instr(o.key, ':v') > 0), 0);
        """
}
