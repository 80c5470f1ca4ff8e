// Migrations+CommuneCodes: communes keyed by their INSEE code (the Code officiel géographique)
// instead of the slug of their name, so that a commune renamed in a new edition of the territory
// file keeps its people, registrations, bookings and accounts, and one merged away stays readable
// under its last known name.
//
// The step renames the key column (SQLite rewrites every `REFERENCES commune(slug)` of the tables
// that refer to it) and rebuilds the table without the uniqueness of names: a commune nouvelle may
// take the name of one it absorbed, whose row stays. The rows themselves still carry their slugs
// after this step: which slug is which code is the territory's knowledge, not the schema's, so
// `Store.recordCommunes` (Store+Communes.swift) re-keys them when the store is opened with its
// territory, in one transaction. QPVs stay keyed by the slug of their name (events name them so,
// and the national QPV code is often unknown); their code is kept beside it when the file gives it.

extension Migrations {
    /// Renames `commune.slug` to `commune.code`, drops the uniqueness of `commune.name` and adds
    /// `neighbourhood.code`. Run with foreign keys off (the table is rebuilt).
    static let communeCodesStep = """
        ALTER TABLE commune RENAME COLUMN slug TO code;
        CREATE TABLE commune_by_code (
            code TEXT PRIMARY KEY CHECK (code <> ''),
            name TEXT NOT NULL CHECK (name <> '')
        ) STRICT;
        INSERT INTO commune_by_code (code, name) SELECT code, name FROM commune;
        DROP TABLE commune;
        ALTER TABLE commune_by_code RENAME TO commune;
        ALTER TABLE neighbourhood ADD COLUMN code TEXT CHECK (code IS NULL OR code <> '');
        """
}
