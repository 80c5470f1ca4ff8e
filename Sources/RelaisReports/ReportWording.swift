// ReportWording: the sentences and number forms every report format shares, in French.

import Foundation
import RelaisCore

/// The report's shared sentences, for a report made at `generatedAt` and dated in `localTime`, about
/// the counts of `territory`'s contract.
public struct ReportWording: Sendable {
    public let localTime: LocalTime
    public let generatedAt: Date
    /// The report's title, on every format: ``title(contract:)`` of the territory's contract.
    public let title: String

    public init(localTime: LocalTime, generatedAt: Date, territory: Territory) {
        self.localTime = localTime
        self.generatedAt = generatedAt
        self.title = Self.title(contract: territory.contract)
    }

    /// "<contract> — indicateurs de participation": the contract or programme the counts are for
    /// (Territory.contract).
    public static func title(contract: String) -> String { "\(contract) — indicateurs de participation" }

    var calendar: Calendar { localTime.calendar }

    /// "du 1er janvier 2027 au 31 décembre 2027": the last day is the one before the exclusive end.
    func period(_ heading: ReportHeading) -> String {
        let last = heading.period.end.addingTimeInterval(-1)
        return "du \(ReportDateWording.day(heading.period.start, calendar: calendar)) au \(ReportDateWording.day(last, calendar: calendar))"
    }

    /// Said when the period runs past the report's date; nil otherwise.
    func countedUntil(_ heading: ReportHeading) -> String? {
        guard heading.countedUntil < heading.period.end else { return nil }
        let day = ReportDateWording.day(heading.countedUntil, calendar: calendar)
        let time = LocalDateWording.time(heading.countedUntil, language: .french, calendar: calendar)
        return "Séances comptées jusqu'au \(day) à \(time) : les séances à venir ne sont pas comptées."
    }

    func campaign(_ heading: ReportHeading) -> String {
        guard let id = heading.campaign else { return "toutes les campagnes" }
        if let name = heading.campaignName, name != id { return "\(name) (\(id))" }
        return id
    }

    func generated() -> String {
        "\(ReportDateWording.day(generatedAt, calendar: calendar)) à \(LocalDateWording.time(generatedAt, language: .french, calendar: calendar))"
    }

    /// What the masking did, or the confidentiality warning.
    func masking(_ heading: ReportHeading) -> String {
        if heading.isMasked {
            return
                "Secret statistique : les effectifs de personnes de 1 à \(heading.limit) sont masqués, ainsi que les valeurs qui permettraient de les recalculer à partir des totaux. Les nombres d'évènements, de séances et de professionnels, publics, ne sont pas masqués."
        }
        return Self.confidential
    }

    /// What each mark of a masked value means, in the order the legend gives them: "< 11" a count
    /// from 1 to the limit, "s" a value masked only to protect one (never a count from 1 to the
    /// limit). Every format prints it with the masked report, on its first page.
    func legend(_ heading: ReportHeading) -> [(kind: MaskKind, mark: String, meaning: String)] {
        let limit = heading.limit
        return MaskKind.allCases.map { kind in
            switch kind {
            case .primary:
                (kind, heading.maskedText(kind), "effectif compris entre 1 et \(limit), masqué (secret statistique primaire).")
            case .secondary:
                (
                    kind, heading.maskedText(kind),
                    "valeur masquée seulement pour qu'un effectif de 1 à \(limit) ne puisse pas être recalculé à partir des totaux (secret statistique secondaire). Un effectif « \(heading.maskedText(kind)) » n'est jamais compris entre 1 et \(limit) : il est nul ou supérieur à \(limit). Un taux est « \(heading.maskedText(kind)) » quand l'un de ses effectifs est masqué."
                )
            }
        }
    }

    /// A mark's meaning as one sentence: "« s » : valeur masquée...".
    func legendLine(_ entry: (kind: MaskKind, mark: String, meaning: String)) -> String {
        "« \(entry.mark) » : \(entry.meaning)"
    }

    /// The warning the unmasked copy carries.
    public static let confidential =
        "CONFIDENTIEL — effectifs non masqués : document réservé à la coordination du contrat, à ne pas diffuser ni transmettre."

    /// "FA 7", "Rappels": a section's short name.
    static func shortName(_ section: ReportSectionID) -> String {
        switch section {
        case .fa7: return "FA 7"
        case .fa11: return "FA 11"
        case .fa12: return "FA 12"
        case .fa14: return "FA 14"
        case .outreach: return "Rappels"
        }
    }

    static let empty = "Aucune séance tenue sur la période : aucun indicateur à publier."

    /// A value for plain text (table and CSV): digits without grouping, "72,5 %", "< 11", "s".
    func plain(_ value: PublishedValue, _ heading: ReportHeading) -> String {
        switch value {
        case .text(let text): return text
        case .count(let count): return String(count)
        case .masked(let kind): return heading.maskedText(kind)
        case .percent(let percent): return Self.percent(percent)
        case .none: return ""
        }
    }

    /// "72,5 %" (one decimal, decimal comma).
    static func percent(_ value: Double) -> String {
        String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",") + " %"
    }

    /// "12 345" with a narrow no-break space, as French typography groups thousands.
    static func grouped(_ count: Int) -> String {
        let digits = String(abs(count))
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (count < 0 ? "-" : "") + groups.joined(separator: "\u{202F}")
    }
}
