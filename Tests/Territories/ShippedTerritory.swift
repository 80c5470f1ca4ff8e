// ShippedTerritory: the territories Relais ships (Config/territories/*.conf), read from the
// repository as relais reads them, under the names the tests have always used. Shared by the test
// targets (each re-exports it from its own ShippedTerritory.swift).

import Foundation
import RelaisCore

extension Territory {
    /// The repository's Config/territories folder.
    public static let shippedFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Config/territories")

    /// The shipped territory file `name`.conf, read and checked by TerritoryFile.
    public static func shipped(_ name: String) -> Territory {
        let path = shippedFolder.appendingPathComponent(name + ".conf").path
        do {
            return try TerritoryFile.parse(String(contentsOfFile: path, encoding: .utf8), fileName: path)
        } catch {
            fatalError("the shipped territory \(path) does not load: \(error)")
        }
    }

    /// Pays de Gex agglo, from Config/territories/pays-de-gex.conf.
    public static let paysDeGex = shipped("pays-de-gex")
}

extension PhonePlan {
    /// Pays de Gex's numbering plan: France and Switzerland.
    public static let paysDeGex = Territory.paysDeGex.phonePlan
}
