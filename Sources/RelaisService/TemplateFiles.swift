// TemplateFiles: the message templates read from their folder and checked (TemplateSet).

import Foundation
import RelaisCore

public enum TemplateFiles {
    /// Reads every `<kind>.<language>.<channel>.txt` in `directory`; returns the set and the
    /// warnings (SMS templates longer than two segments).
    public static func load(directory: String) throws -> (set: TemplateSet, warnings: [String]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".txt") }.sorted()
        } catch {
            throw ServiceSetupError(description: "\(directory): cannot read the templates folder ([reminders] templates)")
        }
        var files: [(name: String, text: String)] = []
        for name in names {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ServiceSetupError(description: "\(path): cannot be read")
            }
            do {
                files.append((name, try TextInput.decode(data, limits: TextLimits(maximumFileBytes: 64 * 1024))))
            } catch {
                throw ServiceSetupError(description: "\(path): \(error)")
            }
        }
        do {
            return try TemplateSet.load(files: files)
        } catch {
            throw ServiceSetupError(description: "\(directory)/\(error.description)")
        }
    }
}
