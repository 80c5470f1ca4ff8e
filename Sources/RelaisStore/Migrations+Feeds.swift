// Migrations+Feeds: schema step 13, what relais serve made of each calendar feed ([calendars]
// feed), kept beside the other steps' list in Migrations.swift (append-only, never edited once
// shipped).
//
// - `calendar_feed`: one row per feed address: the latest fetch (when, what came of it and why),
//   the campaign of the version in force and when a fetch last loaded or confirmed it (that
//   version stays in force when a fetch fails or a version is refused), and when the next fetch
//   is due; `relais status` reads it. A failed or refused fetch always has its reason; a feed
//   that loaded has its campaign and that time.

extension Migrations {
    static let feedsStep = """
        CREATE TABLE calendar_feed (
            url TEXT PRIMARY KEY,
            result TEXT NOT NULL CHECK (result IN ('loaded', 'unchanged', 'refused', 'failed')),
            reason TEXT,
            campaign TEXT,
            fetched_at INTEGER NOT NULL,
            good_at INTEGER,
            next_fetch_at INTEGER NOT NULL CHECK (next_fetch_at >= fetched_at),
            CHECK ((result IN ('refused', 'failed')) = (reason IS NOT NULL)),
            CHECK (result IN ('refused', 'failed') OR (campaign IS NOT NULL AND good_at IS NOT NULL)),
            CHECK ((campaign IS NULL) = (good_at IS NULL))
        ) STRICT;
        """
}
