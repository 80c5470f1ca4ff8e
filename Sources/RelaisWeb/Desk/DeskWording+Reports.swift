// DeskWording+Reports: a report request refused (ReportRefusal), in the page's language, for the
// report form's error box and the API's `message`.

import Foundation
import RelaisCore

extension DeskWording {
    /// A report's period, sheet or format refused.
    func refusal(_ refusal: ReportRefusal) -> String {
        let english = language == .english
        switch refusal {
        case .yearUnreadable(let typed):
            return english ? "\"\(typed)\" is not a year such as 2027." : "« \(typed) » n'est pas une année comme 2027."
        case .yearAndDates:
            return english
                ? "Give a year, or a start and an end date, not both."
                : "Indiquez une année, ou des dates de début et de fin, pas les deux."
        case .datesGoTogether:
            return english ? "Give both the start and the end date." : "Indiquez la date de début et la date de fin."
        case .periodEndsBeforeItStarts:
            return english ? "The end date must come after the start date." : "La date de fin doit suivre la date de début."
        case .dateUnreadable(_, let typed):
            return english ? "\"\(typed)\" is not a date such as 2027-03-30." : "« \(typed) » n'est pas une date comme 2027-03-30."
        case .dateOutOfRange(_, let day, let earliest, let latest):
            return english
                ? "\"\(day)\" is outside the years a report covers: \(earliest) to \(latest)."
                : "« \(day) » est en dehors des années que couvre un rapport : de \(earliest) à \(latest)."
        case .unknownSheet(let typed):
            return english
                ? "\"\(typed)\" is not a sheet: fa7, fa11, fa12, fa14, outreach or all."
                : "« \(typed) » n'est pas une fiche : fa7, fa11, fa12, fa14, outreach ou all."
        case .unknownFormat(let typed, let known):
            return english
                ? "\"\(typed)\" is not a format: \(known.joined(separator: ", "))."
                : "« \(typed) » n'est pas un format : \(known.joined(separator: ", "))."
        }
    }
}
