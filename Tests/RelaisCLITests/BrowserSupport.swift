// What the real-browser tests share: one flow of a Python WebDriver script (desk_browser.py,
// desk_counts_browser.py) run against a served workspace, its JSON answer, and its screenshots
// kept in .build/desk-screenshots/<mode>/ and checked to be PNG files.

import Foundation
import RelaisTestPeers
import Testing

enum BrowserFlow {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let screenshots = Workspace.repository.appendingPathComponent(".build/desk-screenshots")

    /// Runs `script`'s `mode` against the desk on `port` of `workspace`, signed in as `login`,
    /// and returns the JSON object it printed (a failed flow fails the test with its report).
    static func run(
        _ script: String, _ mode: String, workspace: Workspace, port: UInt16, login: String, password: String, _ more: [String]
    ) throws -> [String: Any] {
        let passwordFile = workspace.write("\(login).password", password)
        let shots = screenshots.appendingPathComponent(mode)
        try? FileManager.default.removeItem(at: shots)
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let result = try workspace.run(
            python3,
            [
                folder.appendingPathComponent(script).path, mode, "--base", "http://127.0.0.1:\(port)", "--login", login,
                "--password-file", passwordFile, "--screenshots", shots.path,
            ] + more, environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any], "\(result.output)\(result.errors)")
        #expect(result.status == 0 && object["error"] == nil, "\(object["error"] ?? result.errors)")
        let pictures = object["screenshots"] as? [String] ?? []
        #expect(!pictures.isEmpty)
        for picture in pictures {
            let data = try Data(contentsOf: URL(fileURLWithPath: picture))
            #expect(data.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(picture) is not a PNG")
        }
        return object
    }
}
