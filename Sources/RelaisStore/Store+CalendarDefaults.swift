// Store+CalendarDefaults: the action sheets and categories a campaign was loaded with from outside
// its file (`--fa`, `--category`, a sidecar), written in the load's transaction and read back when
// the same file is loaded again (CalendarLoader), so that the daemon and the desk load it as the
// command did.

import RelaisCore

extension Store {
    /// The defaults of the campaign last loaded from `sourceFile` (its id, action sheets and
    /// categories), or nil when no campaign comes from that file.
    public func calendarDefaults(sourceFile: String) throws -> CalendarDefaults? {
        guard
            let row = try database.row(
                """
                SELECT campaign.id AS id, campaign_defaults.action_sheets AS sheets, campaign_defaults.categories AS categories
                FROM campaign LEFT JOIN campaign_defaults ON campaign_defaults.campaign = campaign.id
                WHERE campaign.source_file = ? ORDER BY campaign.loaded_at DESC LIMIT 1
                """, [.text(sourceFile)])
        else { return nil }
        return CalendarDefaults(
            campaign: row.string("id"),
            actionSheets: row.string("sheets").map { $0.split(separator: ",").compactMap { Int($0) } },
            categories: (row.string("categories") ?? "").split(separator: ",").compactMap { EventCategory(rawValue: String($0)) })
    }

    /// Records `defaults` as those `campaign` was loaded with. Inside the load's transaction.
    func recordDefaults(_ defaults: CalendarDefaults, campaign: String, in database: Database) throws {
        let sheets = defaults.actionSheets.map { $0.map(String.init).joined(separator: ",") }
        try database.run(
            """
            INSERT INTO campaign_defaults (campaign, action_sheets, categories) VALUES (?, ?, ?)
            ON CONFLICT (campaign) DO UPDATE SET action_sheets = excluded.action_sheets, categories = excluded.categories
            """, [.text(campaign), sheets.map { .text($0) } ?? .null, .text(defaults.categories.map(\.rawValue).joined(separator: ","))])
    }
}
