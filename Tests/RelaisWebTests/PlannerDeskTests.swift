// The planners' desk pieces that need no server: their words in both languages, where each role
// lands and what its navigation offers, the name an uploaded file goes by, and a report request
// read from a query (with its refusals, field by field).

import Foundation
import RelaisCore
import RelaisStore
import Testing

@testable import RelaisWeb

@Suite struct PlannerDeskTests {
    @Test func everyPlannerWordExistsInBothLanguagesAndNoKeyIsInBothTables() {
        for (key, pair) in DeskWording.plannerTable {
            #expect(!pair.0.isEmpty && !pair.1.isEmpty, "\(key)")
            #expect(DeskWording.table[key] == nil, "\(key) is in both tables")
            #expect(DeskWording(.french)[key] == pair.0 && DeskWording(.english)[key] == pair.1)
        }
    }

    @Test func eachRoleLandsOnItsOwnPageAndSeesOnlyTheLinksItMayOpen() {
        #expect(AccountRole.allCases.map(DeskHTML.home(for:)) == ["/runs", "/checkin", "/campaigns", "/runs"])
        func links(_ role: AccountRole) -> [String] {
            let agent = Agent(login: "x", role: role, commune: nil, token: String(repeating: "0", count: 64), expiresAt: Date())
            let html = DeskHTML(wording: DeskWording(.french), agent: agent).navigation(agent)
            return html.matches(of: /id="(nav-[a-z]+)"/).map { String($0.1) }
        }
        #expect(links(.planner) == ["nav-campaigns", "nav-calendar", "nav-reports"])
        #expect(links(.ccas) == ["nav-runs", "nav-residents", "nav-events", "nav-checkin"])
        #expect(links(.staff) == ["nav-checkin"])
        #expect(
            links(.coordinator) == [
                "nav-runs", "nav-residents", "nav-events", "nav-checkin", "nav-campaigns", "nav-calendar", "nav-reports",
            ])
    }

    @Test func anUploadedFileGoesByItsNameWithoutFolderOrControlCharacters() {
        #expect(Desk.uploadName("C:\\Users\\anne\\Mars bleu.ics") == "Mars bleu.ics")
        #expect(Desk.uploadName("../../etc/passwd") == "passwd")
        #expect(Desk.uploadName("a\u{0}b\nc.ics") == "abc.ics")
        #expect(Desk.uploadName(nil) == "calendrier.ics" && Desk.uploadName("  ") == "calendrier.ics")
        #expect(Desk.uploadName(String(repeating: "x", count: 300)).count == 100)
    }

    @Test(arguments: [
        (["year": "2027", "from": "2027-01-01"], "report-year-and-dates", RefusalField.year),
        (["year": "vingt"], "report-year-unreadable", .year), (["year": "1999"], "report-year-unreadable", .year),
        (["from": "2027-01-01"], "report-dates-go-together", .from), (["to": "2027-01-01"], "report-dates-go-together", .from),
        (["from": "2027-02-01", "to": "2027-01-01"], "report-period-ends-before-start", .to),
        (["from": "1er mars", "to": "2027-04-01"], "report-date-unreadable", .from), (["sheet": "fa9"], "report-unknown-sheet", .sheet),
        (["from": "1814-01-01", "to": "9122-02-09"], "report-date-out-of-range", .from),
        (["from": "2027-01-01", "to": "2201-01-02"], "report-date-out-of-range", .to),
    ])
    func aReportQueryThatIsNoPeriodOrSheetIsRefusedNamingItsField(query: [String: String], code: String, field: RefusalField) throws {
        let desk = Desk(
            pool: StorePool(path: "/nonexistent/never-opened.sqlite", busyTimeoutMilliseconds: 10, territory: .paysDeGex),
            territory: .paysDeGex, localTime: .paris, clock: { LocalTime.paris.parse("2027-03-01T10:00")! }
        ) { now, _ in
            ShuttleContext(settings: ShuttleSettings(), outreach: OutreachRules(), now: now, localTime: .paris, territory: .paysDeGex)
        }
        let error = #expect(throws: DeskError.self) { try desk.reportRequest(query) }
        guard case .refusal(let refusal)? = error else {
            Issue.record("\(String(describing: error))")
            return
        }
        #expect(refusal.code == code && refusal.field == field)
        let french = DeskWording(.french).words(for: refusal, .paris)
        let english = DeskWording(.english).words(for: refusal, .paris)
        #expect(!french.isEmpty && !english.isEmpty && french != english)
        #expect(try desk.reportRequest(["year": "2027", "sheet": "fa14", "campaign": " "]).campaign == nil)
        #expect(try desk.reportRequest([:]).period == ReportPeriod.year(2027, calendar: LocalTime.paris.calendar))
        let widest = try desk.reportRequest(["from": "2000-01-01", "to": "2201-01-01"]).period
        #expect(widest.start == ReportPeriod.year(2000, calendar: LocalTime.paris.calendar)?.start)
        #expect(widest.end == ReportPeriod.year(2200, calendar: LocalTime.paris.calendar)?.end)
        #expect(throws: DeskError.self) { try desk.reportFormat(["format": "table"]) }
    }
}
