import Foundation
import Testing

/// The real-world calendars of python-icalendar's tests (Tests/Corpora/icalendar), handed to the
/// built binary: each is refused with a message naming the file, never a crash, a hang or a
/// partial load. They carry no X-RELAIS-CAMPAIGN, so none can load as a campaign; what is shown
/// here is that the whole path, libical included, survives them. (RelaisCalendarTests checks what
/// the reader makes of each file.)
@Suite struct CorpusCLITests {
    static let corpus = Workspace.repository.appendingPathComponent("Tests/Corpora/icalendar")

    @Test func everyCorpusFileIsRefusedCleanlyAndLeavesTheDatabaseEmpty() throws {
        let workspace = Workspace()
        #expect(try workspace.relais("campaigns", "list").status == 0)
        let before = try workspace.dump()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.path).filter { $0.hasSuffix(".ics") }.sorted()
        #expect(files.count > 100)
        var byReason: [String: Int] = [:]
        for name in files {
            let path = Self.corpus.appendingPathComponent(name).path
            let result = try workspace.relais("campaigns", "load", path)
            #expect(result.status == 65, "\(name): exit \(result.status) \(result.errors)")
            #expect(result.errors.contains(path), "\(name): \(result.errors)")
            let reason = result.errors.contains("does not say which campaign it is") ? "parsed, no campaign id" : "refused by the reader"
            byReason[reason, default: 0] += 1
        }
        print("corpus through relais campaigns load: \(byReason.sorted { $0.key < $1.key })")
        #expect(try workspace.dump() == before)
    }
}
