// MaskMarksTests: what the marks of masked values say is true, and says nothing more than allowed.
// "< 11" (primary) is written only on a count from 1 to 10, "s" (secondary) on everything else
// that is masked; and since a reader knows what the marks mean ("< 11" is 1 to 10, "s" is 0 or
// above 10, no count is negative), the masking must hold against those bounds too: a shown total
// of 12 over a "< 11" and an "s" gives both away. The check here is independent of the audit in
// CellSuppression+Bounds.swift: for small lines it tries every value a reader could assume for
// the masked cells and keeps those that agree with everything published.

import Foundation
import RelaisTestPeers
import Testing

@testable import RelaisCore

@Suite struct MaskMarksTests {
    @Test func aCountFrom1To10IsPrimaryAndAnythingElseSecondary() {
        #expect(MaskKind(count: 0, limit: 10) == .secondary)
        #expect(MaskKind(count: 1, limit: 10) == .primary)
        #expect(MaskKind(count: 10, limit: 10) == .primary)
        #expect(MaskKind(count: 11, limit: 10) == .secondary)
        #expect(MaskKind(count: 19, limit: 10) == .secondary)
        let heading = IndicatorFixture.report.published(masked: true).heading
        #expect(heading.maskedText(.primary) == "< 11" && heading.maskedText(.secondary) == "s")
    }

    /// 42 = 1 + 11 + 30: the 1 is masked, the line rule masks the 11 with it ("s"); then 42 - 30 =
    /// 12 = a "< 11" and an "s", which can only be 1 and 11. The linear audit alone sees two
    /// unknowns and one equation; the bounds give both away, so a third cell is masked.
    @Test func aTotalOf12OverAPrimaryAndASecondaryGivesBothAwayAndIsProtected() {
        var problem = SuppressionProblem()
        for (name, value) in [("a", 1), ("b", 11), ("c", 30), ("total", 42)] { problem.publish(CellKey(name), value: value) }
        problem.relate(total: CellKey("total"), members: ["a", "b", "c"].map(CellKey.init))
        let pair: Set<CellKey> = [CellKey("a"), CellKey("b")]
        #expect(CellSuppression.disclosed(in: problem, masked: pair) == pair)
        let masked = CellSuppression.suppress(problem)
        #expect(masked.isSuperset(of: pair) && masked.count > 2, "\(masked)")
        #expect(CellSuppression.disclosed(in: problem, masked: masked).isEmpty)
        #expect(MarkedLine(problem: problem, masked: masked).pinned().isEmpty)
    }

    /// Bounds travel from line to line: a row gives its "s" a lower bound, which a column then
    /// turns into the exact value of a "< 11".
    @Test func boundsFoundInOneLineAreUsedInAnother() {
        // Row: 12 = x ("< 11") + y ("s") pins x = 1 and y = 11; the column 15 = y + z then pins z.
        var problem = SuppressionProblem()
        for (name, value) in [("x", 1), ("y", 11), ("row", 12), ("z", 4), ("column", 15)] { problem.publish(CellKey(name), value: value) }
        problem.relate(total: CellKey("row"), members: [CellKey("x"), CellKey("y")])
        problem.relate(total: CellKey("column"), members: [CellKey("y"), CellKey("z")])
        let masked: Set<CellKey> = [CellKey("x"), CellKey("y"), CellKey("z")]
        #expect(CellSuppression.disclosed(in: problem, masked: masked) == masked)
        let safe = CellSuppression.suppress(problem)
        #expect(CellSuppression.disclosed(in: problem, masked: safe).isEmpty)
    }

    /// Random lists `total = a + b (+ c)` of small counts: after masking, every masked count other
    /// than 0 can still take two values or more, for a reader who knows every mark's meaning.
    @Test func randomListsKeepEveryMaskedCountUndeterminedForAReaderOfTheMarks() {
        var random = SplitMix(state: 145)
        var maskedSeen = (primary: 0, secondary: 0)
        for trial in 0..<400 {
            var problem = SuppressionProblem()
            let members = (0..<(2 + random.below(2))).map { index -> (CellKey, Int) in
                let value = [0, 1 + random.below(10), 11 + random.below(15), random.below(26)][random.below(4)]
                return (CellKey("m\(index)"), value)
            }
            for (key, value) in members { problem.publish(key, value: value) }
            problem.publish(CellKey("total"), value: members.reduce(0) { $0 + $1.1 })
            problem.relate(total: CellKey("total"), members: members.map(\.0))
            let masked = CellSuppression.suppress(problem)
            for key in masked {
                if MaskKind(count: problem.value(of: key)!, limit: 10) == .primary {
                    maskedSeen.primary += 1
                } else {
                    maskedSeen.secondary += 1
                }
            }
            let line = MarkedLine(problem: problem, masked: masked)
            #expect(line.pinned().isEmpty, "trial \(trial): \(members.map(\.1)) masked \(masked.sorted()) pins \(line.pinned())")
            #expect(CellSuppression.disclosed(in: problem, masked: masked).isEmpty, "trial \(trial)")
        }
        #expect(maskedSeen.primary > 0 && maskedSeen.secondary > 0)
    }
}

/// One line `total = members` as a reader of the published list sees it, solved by trying every
/// value: a masked "< 11" is 1 to 10, a masked "s" is 0 or 11 and more (up to a cap, beyond which
/// a value is never needed on lines this small), a shown cell is its value.
struct MarkedLine {
    let problem: SuppressionProblem
    let masked: Set<CellKey>

    /// The masked cells other than zeros that take one value only in every solution.
    func pinned() -> Set<CellKey> {
        let line = problem.lines[0]
        let keys = line.members.map { problem.keys[$0] }
        let totalKey = problem.keys[line.total]
        let cap = 2 * (problem.values.max() ?? 0) + 12
        func domain(_ key: CellKey) -> [Int] {
            let value = problem.value(of: key)!
            guard masked.contains(key) else { return [value] }
            return MaskKind(count: value, limit: 10) == .primary ? Array(1...10) : [0] + Array(11...cap)
        }
        let totalDomain = Set(domain(totalKey))
        let domains = keys.map(domain)
        var seen: [CellKey: Set<Int>] = [:]
        var chosen = Array(repeating: 0, count: keys.count)
        func search(_ index: Int, _ sum: Int) {
            if index == keys.count {
                guard totalDomain.contains(sum) else { return }
                for (key, value) in zip(keys, chosen) { seen[key, default: []].insert(value) }
                seen[totalKey, default: []].insert(sum)
                return
            }
            for value in domains[index] {
                chosen[index] = value
                search(index + 1, sum + value)
            }
        }
        search(0, 0)
        return Set(masked.filter { problem.value(of: $0)! != 0 && (seen[$0]?.count ?? 0) < 2 })
    }
}
