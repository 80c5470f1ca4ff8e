// CellSuppression: hides the small counts of people in published tables, and the other counts
// that would let a reader rebuild them.
//
// French health statistics publish no count of people from 1 to 10 (primary suppression), and
// hide a second count wherever a hidden one could be recomputed from a total (secondary
// suppression). Relais models a whole report as one SuppressionProblem:
//
//   - cells, named by a CellKey that says what they count (so that the same count shown in two
//     tables is one cell, masked in both or in neither);
//   - atoms: counts that exist but are never published (the registrations of an event that no
//     table lists); a reader does not know them, and one holding 1...limit must stay unknown too;
//   - lines: linear relations a reader knows, `total = member + member + ...` (a table's rows
//     and columns with their totals, a group and its subtotal, a set of events and its parts).
//
// The algorithm:
//   1. primary: every published cell holding 1...limit is masked;
//   2. line rule (the standard one): a line in which exactly one protected cell is unknown gives
//      it away, so the smallest non-zero shown cell of that line is masked too (a zero only when
//      nothing else is left); repeated until no line changes;
//   3. audit: the lines are solved for every unknown at once (CellSuppression+Audit.swift), and
//      the bounds the published report states are propagated along them (CellSuppression+Bounds:
//      a masked count reads "< 11" when it holds 1...limit, "s" when it does not, and no count is
//      negative); a masked cell, or an atom holding 1...limit, that the shown cells and those
//      bounds still determine exactly (through several lines: a "bridge" between two blocks of
//      masked cells; or a shown total of 12 over a "< 11" and an "s", which are then 1 and 11)
//      gets one more shown cell of its lines masked, the smallest that makes it undetermined;
//      then back to 2.
// It ends: every round masks at least one more cell, and once every cell of the lines around a
// cell is masked, the lines can only pin down structural zeros (or, through bounds alone, a "< 11"
// total over ten "< 11" members, each then 1: nothing left to mask, such a cell stays exposed).
//
// What this does not cover (written down in README.md, "Reports"): relations the caller does not
// declare as lines (the difference of two shown counts of different kinds, such as registered
// minus present), a masked cell narrowed to a range without being pinned to one value, and
// differences between two reports over overlapping periods or campaigns.

/// The name of one count: what it counts, not where it is shown.
public struct CellKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }

    public var description: String { text }
    public static func < (lhs: CellKey, rhs: CellKey) -> Bool { lhs.text < rhs.text }
}

/// Why a published value is masked, as readers are told: the code JSON and CSV give it.
public enum MaskKind: String, Sendable, CaseIterable {
    /// A count from 1 to the limit: it reads "< 11".
    case primary
    /// A value hidden only so that a primary one cannot be rebuilt from the totals (a count of 0
    /// or above the limit, or a rate of a masked count): it reads "s".
    case secondary

    /// The kind of a masked count holding `count`.
    public init(count: Int, limit: Int) {
        self = (1...limit).contains(count) ? .primary : .secondary
    }
}

/// The counts of a report, published or not, and the relations between them that readers know.
public struct SuppressionProblem: Sendable {
    /// One relation `total = sum of members`, by cell index.
    struct Line: Sendable {
        var total: Int
        var members: [Int]
        /// The total first, then the members.
        var cells: [Int] { [total] + members }
    }

    private(set) var keys: [CellKey] = []
    private(set) var values: [Int] = []
    private(set) var isPublished: [Bool] = []
    private(set) var lines: [Line] = []
    private var indices: [CellKey: Int] = [:]

    public init() {}

    /// The number of cells and atoms declared.
    public var count: Int { keys.count }

    /// Declares a published count. Publishing the same key twice is allowed (one cell shown in two
    /// tables) and must give the same value; an atom published later becomes a published cell.
    public mutating func publish(_ key: CellKey, value: Int) {
        let index = declare(key, value: value)
        isPublished[index] = true
    }

    /// Declares a count that exists but is not published: readers do not know it.
    public mutating func atom(_ key: CellKey, value: Int) {
        declare(key, value: value)
    }

    /// Declares that `total` is the sum of `members`, all already declared. A relation of a cell
    /// to itself alone says nothing and is not kept.
    public mutating func relate(total: CellKey, members: [CellKey]) {
        guard let total = indices[total] else { preconditionFailure("relate: \(total) is not declared") }
        let memberIndices = members.map { key -> Int in
            guard let index = indices[key] else { preconditionFailure("relate: \(key) is not declared") }
            return index
        }
        if memberIndices == [total] || memberIndices.isEmpty { return }
        precondition(Set(memberIndices).count == memberIndices.count, "relate: a member is given twice")
        lines.append(Line(total: total, members: memberIndices))
    }

    /// The same, by cell index (SuppressionProblem.index(of:)): for relations over thousands of cells.
    mutating func relate(total: Int, members: [Int]) {
        if members == [total] || members.isEmpty { return }
        precondition(Set(members).count == members.count, "relate: a member is given twice")
        lines.append(Line(total: total, members: members))
    }

    /// The value declared for a key, if any.
    public func value(of key: CellKey) -> Int? { indices[key].map { values[$0] } }

    /// The published keys.
    public var publishedKeys: [CellKey] { keys.indices.filter { isPublished[$0] }.map { keys[$0] } }

    func index(of key: CellKey) -> Int? { indices[key] }

    @discardableResult
    private mutating func declare(_ key: CellKey, value: Int) -> Int {
        precondition(value >= 0, "a count cannot be negative: \(key) = \(value)")
        if let index = indices[key] {
            precondition(values[index] == value, "\(key) declared with two values, \(values[index]) and \(value)")
            return index
        }
        indices[key] = keys.count
        keys.append(key)
        values.append(value)
        isPublished.append(false)
        return keys.count - 1
    }
}

public enum CellSuppression {
    /// Counts from 1 to this are hidden: the French rule for counts of people.
    public static let defaultLimit = 10

    /// The published cells to mask so that no count from 1 to `limit` is shown or can be rebuilt
    /// from what is shown through the declared lines.
    public static func suppress(_ problem: SuppressionProblem, limit: Int = defaultLimit) -> Set<CellKey> {
        var state = State(problem: problem, limit: limit)
        state.run()
        return Set(state.masked.indices.filter { state.masked[$0] }.map { problem.keys[$0] })
    }

    /// The masked cells (other than zeros), and the atoms from 1 to `limit`, that the cells left
    /// shown determine exactly: empty for a safe mask. Tests check every mask with it.
    public static func disclosed(in problem: SuppressionProblem, masked keys: Set<CellKey>, limit: Int = defaultLimit) -> Set<CellKey> {
        var state = State(problem: problem, limit: limit)
        state.masked = problem.keys.indices.map { problem.isPublished[$0] && keys.contains(problem.keys[$0]) }
        return Set(state.disclosed().map { problem.keys[$0] })
    }

    /// The working state: which published cells are masked.
    struct State {
        let problem: SuppressionProblem
        let limit: Int
        var masked: [Bool]
        /// The lines each cell appears in.
        let linesOfCell: [[Int]]

        init(problem: SuppressionProblem, limit: Int) {
            self.problem = problem
            self.limit = limit
            masked = problem.keys.indices.map { problem.isPublished[$0] && (1...limit).contains(problem.values[$0]) }
            var linesOfCell = Array(repeating: [Int](), count: problem.count)
            for (number, line) in problem.lines.enumerated() {
                for cell in line.cells { linesOfCell[cell].append(number) }
            }
            self.linesOfCell = linesOfCell
        }

        /// Unknown to a reader: masked, or never published.
        func isUnknown(_ cell: Int) -> Bool { masked[cell] || !problem.isPublished[cell] }

        /// Must stay unknown: a masked cell, or an unpublished atom from 1 to the limit. A masked
        /// zero (masked only when a line had nothing else left) may be found out: it is 0.
        func isProtected(_ cell: Int) -> Bool {
            guard problem.values[cell] > 0 else { return false }
            return masked[cell] || (!problem.isPublished[cell] && problem.values[cell] <= limit)
        }

        /// Shown cells of some lines, the best to mask first: non-zero before zero, smallest first,
        /// then by key so that the result never depends on the order of declaration.
        func candidates(in lines: [Int]) -> [Int] {
            var seen: Set<Int> = []
            var cells: [Int] = []
            for line in lines {
                for cell in problem.lines[line].cells where problem.isPublished[cell] && !masked[cell] && seen.insert(cell).inserted {
                    cells.append(cell)
                }
            }
            return cells.sorted { a, b in
                let (va, vb) = (problem.values[a], problem.values[b])
                if (va == 0) != (vb == 0) { return vb == 0 }
                if va != vb { return va < vb }
                return problem.keys[a] < problem.keys[b]
            }
        }

        mutating func run() {
            var hopeless: Set<Int> = []
            while true {
                applyLineRule()
                let exposed = disclosed().filter { !hopeless.contains($0) }
                guard let first = exposed.min(by: { problem.keys[$0] < problem.keys[$1] }) else { return }
                if !protect(first) { hopeless.insert(first) }
            }
        }

        /// Step 2: masks one more cell in every line with a single protected unknown, to a fixed point.
        mutating func applyLineRule() {
            var changed = true
            while changed {
                changed = false
                for (number, line) in problem.lines.enumerated() {
                    var unknown = 0
                    var loneProtected = false
                    for cell in line.cells where isUnknown(cell) {
                        unknown += 1
                        loneProtected = isProtected(cell)
                        if unknown > 1 { break }
                    }
                    guard unknown == 1, loneProtected, let next = candidates(in: [number]).first else { continue }
                    masked[next] = true
                    changed = true
                }
            }
        }

        /// Step 3 for one exposed cell: masks the first candidate of its lines that hides it
        /// (with the line rule's consequences); when none does alone, the smallest, and the next
        /// round goes on. False when nothing is left to mask around it.
        mutating func protect(_ exposed: Int) -> Bool {
            var around = linesOfCell[exposed]
            var candidates = self.candidates(in: around)
            if candidates.isEmpty {
                around = connectedLines(from: exposed)
                candidates = self.candidates(in: around)
            }
            guard let first = candidates.first else { return false }
            for candidate in candidates.prefix(40) {
                var trial = self
                trial.masked[candidate] = true
                trial.applyLineRule()
                if !trial.disclosed().contains(exposed) {
                    self = trial
                    return true
                }
            }
            masked[first] = true
            return true
        }

        /// Every line reachable from a cell through cells readers do not know.
        func connectedLines(from cell: Int) -> [Int] {
            var lines: Set<Int> = []
            var cells: [Int] = [cell]
            var visited: Set<Int> = [cell]
            while let next = cells.popLast() {
                for line in linesOfCell[next] where lines.insert(line).inserted {
                    for other in problem.lines[line].cells where isUnknown(other) && visited.insert(other).inserted {
                        cells.append(other)
                    }
                }
            }
            return lines.sorted()
        }

        /// The protected cells that the lines determine from the shown cells and the bounds the
        /// masked cells' kinds state: the linear audit and the bounds audit in turn, what one
        /// finds becoming known to the other, until neither finds more.
        func disclosed() -> [Int] {
            var known = problem.keys.indices.map { !isUnknown($0) }
            while true {
                for cell in LinearAudit.determined(lines: problem.lines, unknown: known.map { !$0 }) { known[cell] = true }
                let pinned = BoundsAudit.pinned(
                    lines: problem.lines, linesOfCell: linesOfCell, knowledge: problem.keys.indices.map { knowledge(of: $0, known[$0]) },
                    limit: limit)
                if pinned.isEmpty { break }
                for cell in pinned { known[cell] = true }
            }
            return problem.keys.indices.filter { known[$0] && isUnknown($0) && isProtected($0) }
        }

        /// What a reader knows of a cell: its value when shown or found, else what its mark says.
        func knowledge(of cell: Int, _ known: Bool) -> BoundsAudit.Knowledge {
            if known { return .exact(problem.values[cell]) }
            guard masked[cell] else { return .unknown }
            return MaskKind(count: problem.values[cell], limit: limit) == .primary ? .primary : .secondary
        }
    }
}
