// Migrations+SMSCancelShuttle: an SMS "ANNULER" about a shuttle booking waiting for its "OUI"
// (Store+SMSCancelShuttle.swift), one per number like `sms_cancel_request` for registrations; a
// number has a request in at most one of the two tables (asking again replaces both). Deleted
// with its booking, and by housekeeping once too old to be confirmed.

extension Migrations {
    static let smsCancelShuttleStep = """
        CREATE TABLE sms_cancel_booking_request (
            phone TEXT PRIMARY KEY CHECK (phone GLOB '+[1-9]*' AND phone NOT GLOB '+*[^0-9]*'),
            booking INTEGER NOT NULL REFERENCES shuttle_booking(id) ON DELETE CASCADE,
            asked_at INTEGER NOT NULL
        ) STRICT;
        """
}
