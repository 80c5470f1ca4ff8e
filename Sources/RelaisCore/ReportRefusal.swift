// ReportRefusal: a report asked for in a way Relais cannot give it: a period that is not one (a
// year that is not a year, dates missing their pair, running backwards or outside the years a
// report covers), a sheet or a format that does not exist. The command line (`relais report`, whose options these are) and the desk
// (`/reports`, `GET /api/v1/reports`) word them each in their own terms.

import Foundation

/// Why a report request is refused.
public enum ReportRefusal: Error, Sendable, Equatable {
    /// `year` is not a year from 2000 to 2200.
    case yearUnreadable(typed: String)
    /// A year and dates were given together.
    case yearAndDates
    /// `from` without `to`, or `to` without `from`.
    case datesGoTogether
    /// `to` is not after `from` (the end is exclusive).
    case periodEndsBeforeItStarts
    /// `from` or `to` is not a date such as 2027-03-30.
    case dateUnreadable(field: RefusalField, typed: String)
    /// `from` or `to` (`day`, as 2027-03-30) falls outside the years a report covers, `earliest`
    /// to `latest` (the years `year` takes; `to`, exclusive, may be the first day after them).
    case dateOutOfRange(field: RefusalField, day: String, earliest: Int, latest: Int)
    /// Not one of the sheets (fa7, fa11, fa12, fa14, outreach) nor `all`.
    case unknownSheet(typed: String)
    /// Not one of the formats `known`.
    case unknownFormat(typed: String, known: [String])

    /// The stable code of the API's `error`.
    public var code: String {
        switch self {
        case .yearUnreadable: "report-year-unreadable"
        case .yearAndDates: "report-year-and-dates"
        case .datesGoTogether: "report-dates-go-together"
        case .periodEndsBeforeItStarts: "report-period-ends-before-start"
        case .dateUnreadable: "report-date-unreadable"
        case .dateOutOfRange: "report-date-out-of-range"
        case .unknownSheet: "report-unknown-sheet"
        case .unknownFormat: "report-unknown-format"
        }
    }

    /// The field at fault.
    public var field: RefusalField {
        switch self {
        case .yearUnreadable, .yearAndDates: .year
        case .datesGoTogether: .from
        case .periodEndsBeforeItStarts: .to
        case .dateUnreadable(let field, _), .dateOutOfRange(let field, _, _, _): field
        case .unknownSheet: .sheet
        case .unknownFormat: .format
        }
    }
}
