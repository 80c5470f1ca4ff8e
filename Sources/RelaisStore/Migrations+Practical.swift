// Migrations+Practical: the words a planner writes for residents on an event (X-RELAIS-NOTE,
// X-RELAIS-CONTACT, or the calendar's contact), kept with the event for the reminders' {{details}}
// and {{contact}} (PracticalWords.swift). Lengths as CampaignCalendar+Practical.swift checks them.

extension Migrations {
    static let practicalWordsStep = """
        ALTER TABLE event ADD COLUMN note TEXT CHECK (note IS NULL OR length(note) BETWEEN 1 AND 500);
        ALTER TABLE event ADD COLUMN contact TEXT CHECK (contact IS NULL OR length(contact) BETWEEN 1 AND 120);
        """
}
