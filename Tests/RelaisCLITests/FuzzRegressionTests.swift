// The fuzz targets' seeds and every input that once crashed one (Tests/Fuzz/TARGET/, committed by
// whoever fixed it, as scripts/fuzz says), replayed through relais-fuzz built normally: a fixed
// crash stays fixed. scripts/fuzz itself, with libFuzzer, runs in CI after the tests.

import Foundation
import RelaisTestPeers
import Testing

@Suite struct FuzzRegressionTests {
    static let binary = Workspace.binary.deletingLastPathComponent().appendingPathComponent("relais-fuzz")

    @Test(arguments: ["calendar", "csv", "form"])
    func everySeedAndEveryCrashThatWasFoundReplaysWithoutCrashing(_ target: String) throws {
        let folder = Workspace.repository.appendingPathComponent("Tests/Fuzz/\(target)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        #expect(inputs.count >= 2, "seeds for \(target)")
        let run = try runToCompletion(Self.binary.path, [target, folder.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("\(inputs.count) inputs replayed through \(target)"), "\(run.output)")
    }
}
