// StorePool.cachedRead on a real database file: an answer is rendered once and served again while
// nothing is committed, rendered again after a commit by another connection (another process
// would do the same: SQLite's data version counts every commit to the file), kept apart by key,
// never kept when it failed, and rendered on the connection it holds.

import Foundation
import RelaisCore
import RelaisStore
import Testing

@testable import RelaisWeb

@Suite struct StorePoolCacheTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("relais-pool-\(UUID().uuidString)")
    var path: String { directory.appendingPathComponent("relais.sqlite").path }

    init() throws { try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true) }

    /// A pool of one idle connection, so that every request of a test gets the same one.
    func pool() -> StorePool { StorePool(path: path, busyTimeoutMilliseconds: 1000, territory: .paysDeGex, maximumIdle: 1) }

    /// A read that counts its renderings and answers the number of audit rows.
    final class Renderer: @unchecked Sendable {
        var renderings = 0
        func render(_ pool: StorePool) throws -> Response {
            renderings += 1
            let count = try pool.withStore { try $0.database.row("SELECT count(*) AS n FROM audit_log")?.int("n") ?? -1 }
            return Response(status: 200, text: String(count))
        }
    }

    @Test func anAnswerIsServedAgainUntilAnotherConnectionCommits() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = pool()
        let renderer = Renderer()
        let first = try pool.cachedRead(key: "audit") { try renderer.render(pool) }
        let second = try pool.cachedRead(key: "audit") { try renderer.render(pool) }
        #expect(first == second && renderer.renderings == 1, "the second read is the kept answer")

        let other = try Store.open(path: path, territory: .paysDeGex)
        try other.database.write { try $0.run("INSERT INTO audit_log (at, account, action) VALUES (0, 'test', 'test')") }
        let third = try pool.cachedRead(key: "audit") { try renderer.render(pool) }
        #expect(renderer.renderings == 2, "a commit by another connection drops the kept answer")
        #expect(third.body != first.body, "\(String(decoding: third.body, as: UTF8.self))")
        _ = try pool.cachedRead(key: "audit") { try renderer.render(pool) }
        #expect(renderer.renderings == 2, "kept again once rendered after the commit")
    }

    @Test func aCommitOnThePooledConnectionItselfDropsTheAnswers() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = pool()
        let renderer = Renderer()
        _ = try pool.cachedRead(key: "audit") { try renderer.render(pool) }
        try pool.withStore { store in
            try store.database.write { database in
                try database.run("INSERT INTO audit_log (at, account, action) VALUES (0, 'test', 'test')")
            }
            return ()
        }
        _ = try pool.cachedRead(key: "audit") { try renderer.render(pool) }
        #expect(renderer.renderings == 2)
    }

    @Test func keysAreKeptApartAndFailuresAreNotKept() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = pool()
        let gex = try pool.cachedRead(key: "commune=01173") { Response(status: 200, text: "gex") }
        let cessy = try pool.cachedRead(key: "commune=01071") { Response(status: 200, text: "cessy") }
        #expect(gex.body == Array("gex".utf8) && cessy.body == Array("cessy".utf8))
        struct Failed: Error {}
        #expect(throws: Failed.self) { try pool.cachedRead(key: "failing") { throw Failed() } }
        let after = try pool.cachedRead(key: "failing") { Response(status: 200, text: "rendered") }
        #expect(after.body == Array("rendered".utf8), "a failed rendering was not kept")
    }

    @Test func aKeptNothingIsToldFromNothingKept() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = pool()
        var renderings = 0
        let first: String? = try pool.cachedRead(key: "optional") {
            renderings += 1
            return "found"
        }
        #expect(first == "found" && renderings == 1, "a missing key is not a kept nil")
        let none: String? = try pool.cachedRead(key: "none") { nil }
        let again: String? = try pool.cachedRead(key: "none") { "rendered again" }
        #expect(none == nil && again == nil, "a nil rendered is kept like any value")
    }

    @Test func aRenderingUsesTheConnectionTheReadHolds() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = pool()
        var outer: ObjectIdentifier?
        var inner: ObjectIdentifier?
        _ = try pool.cachedRead(key: "nested") {
            try pool.withStore { store in inner = ObjectIdentifier(store) }
            return Response(status: 200)
        }
        try pool.withStore { store in outer = ObjectIdentifier(store) }
        #expect(inner != nil && inner == outer, "one connection: the pool keeps one idle and the rendering used the held one")
    }

    @Test func aReadKeptInsideAKeptReadUsesTheHeldConnection() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = pool()
        var outer: ObjectIdentifier?
        var inner: ObjectIdentifier?
        var after: ObjectIdentifier?
        _ = try pool.cachedRead(key: "outer") {
            try pool.withStore { outer = ObjectIdentifier($0) }
            _ = try pool.cachedRead(key: "inner") { try pool.withStore { inner = ObjectIdentifier($0) } }
            // Still held once the inner read gave its connection's hold back.
            try pool.withStore { after = ObjectIdentifier($0) }
            return Response(status: 200)
        }
        #expect(outer != nil && inner == outer && after == outer, "one connection for the nested reads")
    }

    @Test func anAnswerRefusedByKeepingIsRenderedAgain() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = pool()
        let renderer = Renderer()
        _ = try pool.cachedRead(key: "audit", keeping: { _ in false }) { try renderer.render(pool) }
        _ = try pool.cachedRead(key: "audit", keeping: { $0.status == 200 }) { try renderer.render(pool) }
        _ = try pool.cachedRead(key: "audit") { try renderer.render(pool) }
        #expect(renderer.renderings == 2, "the first was not kept, the second was")
    }
}
