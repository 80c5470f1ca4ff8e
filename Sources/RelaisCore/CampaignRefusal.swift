// CampaignRefusal: why a campaign calendar is refused because of another campaign (see
// Refusal.swift for how fronts word it). What is wrong inside one file is the calendar reader's
// (file and line); this is what only the database knows.

/// Why a campaign's calendar clashes with what is stored.
public enum CampaignRefusal: Sendable, Equatable {
    /// An event's UID belongs to another campaign already: a UID is unique across campaigns.
    case uidOfAnotherCampaign(uid: String, owner: String)

    /// The API's `error`.
    public var code: String {
        switch self {
        case .uidOfAnotherCampaign: "uid-of-another-campaign"
        }
    }

    /// The field at fault.
    public var field: RefusalField? {
        switch self {
        case .uidOfAnotherCampaign: .uid
        }
    }
}
