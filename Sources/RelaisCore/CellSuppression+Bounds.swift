// CellSuppression+Bounds: what the marks of masked cells tell a reader, along the lines.
//
// A masked count is not a blank. "< 11" (primary) says it holds 1 to the limit; "s" (secondary)
// says it does not: it is 0, or above the limit, since every count from 1 to the limit is
// primary; and no count is negative. Along a line `total = member + ...` these bounds narrow one
// another. A shown total of 12 over a "< 11" and an "s" (the rest of the line shown) gives both
// away: the "s" cannot be 0 (the other would be 12), so it is at least 11, and the "< 11" is 1.
// The linear audit (CellSuppression+Audit.swift) does not see this: two unknowns, one equation.
//
// This audit is bounds consistency: each cell gets an interval (a shown or found value is a
// point; "< 11" is 1...limit; "s" is 0 or limit+1 and more; an unpublished count is 0 and more),
// and each line narrows the interval of each of its cells from the others' (the total lies
// between the sums of its members' lower and upper bounds; a member between the total's bound
// minus the others'), line after line until nothing changes. The cells left at one value are
// pinned: every reader can find them. CellSuppression.State.disclosed alternates this with the
// linear audit, what one finds becoming a known value for the other.
//
// Sound, not complete: what it pins is pinned for every reader; a bound reached only by combining
// several lines at once (what a linear program over all the lines would find) can escape it. The
// work is bounded (a budget of line visits), so that a cycle of lines narrowing one another one
// unit at a time cannot run for long; what the budget cuts off is left unfound.

enum BoundsAudit {
    /// What a reader knows of a cell before reasoning along the lines.
    enum Knowledge: Equatable {
        /// Shown, or found exactly.
        case exact(Int)
        /// Masked, marked "< 11": 1 to the limit.
        case primary
        /// Masked, marked "s": 0, or above the limit.
        case secondary
        /// Never published: 0 or more.
        case unknown
    }

    /// Line visits allowed per line before the audit stops narrowing.
    static let visitsPerLine = 64

    /// The cells, not known exactly before, that the lines pin to one value.
    static func pinned(lines: [SuppressionProblem.Line], linesOfCell: [[Int]], knowledge: [Knowledge], limit: Int) -> [Int] {
        var bounds = Bounds(knowledge: knowledge, limit: limit)
        // A queue of lines to visit (first in, first out), each at most once in it.
        var queue = Array(lines.indices)
        var next = 0
        var queued = Array(repeating: true, count: lines.count)
        let budget = visitsPerLine * lines.count
        while next < queue.count, next < budget {
            let line = queue[next]
            next += 1
            queued[line] = false
            for cell in bounds.narrow(along: lines[line]) {
                for other in linesOfCell[cell] where !queued[other] {
                    queued[other] = true
                    queue.append(other)
                }
            }
        }
        return knowledge.indices.filter { cell in
            if case .exact = knowledge[cell] { return false }
            return bounds.low[cell] == bounds.high[cell]
        }
    }

    /// Each cell's interval, `low...high` (`high` nil: no upper bound), and whether 1...limit is
    /// excluded from it (a secondary cell).
    struct Bounds {
        var low: [Int]
        var high: [Int?]
        let excludesSmall: [Bool]
        let limit: Int

        init(knowledge: [Knowledge], limit: Int) {
            self.limit = limit
            low = knowledge.map { if case .exact(let value) = $0 { value } else if $0 == .primary { 1 } else { 0 } }
            high = knowledge.map { if case .exact(let value) = $0 { value } else if $0 == .primary { limit } else { nil } }
            excludesSmall = knowledge.map { $0 == .secondary }
        }

        /// Narrows the intervals of a line's cells from one another; returns the cells narrowed.
        mutating func narrow(along line: SuppressionProblem.Line) -> [Int] {
            var lowSum = 0
            var highSum = 0
            var unbounded: [Int] = []
            for member in line.members {
                lowSum += low[member]
                if let bound = high[member] { highSum += bound } else { unbounded.append(member) }
            }
            var narrowed: [Int] = []
            if tighten(line.total, low: lowSum, high: unbounded.isEmpty ? highSum : nil) { narrowed.append(line.total) }
            let (totalLow, totalHigh) = (low[line.total], high[line.total])
            for member in line.members {
                // The other members' upper bounds add up only when none of them is unbounded.
                let othersHigh: Int? =
                    unbounded.isEmpty ? highSum - high[member]! : unbounded == [member] ? highSum : nil
                let othersLow = lowSum - low[member]
                if tighten(member, low: othersHigh.map { totalLow - $0 }, high: totalHigh.map { $0 - othersLow }) {
                    narrowed.append(member)
                }
            }
            return narrowed
        }

        /// Raises the cell's lower bound to `low`, lowers its upper bound to `high`, then steps over
        /// 1...limit for a secondary cell; true when the interval changed. A bound that would
        /// empty the interval is not applied (the true value always lies in it; this only guards).
        mutating func tighten(_ cell: Int, low newLow: Int?, high newHigh: Int?) -> Bool {
            var lower = max(low[cell], newLow ?? 0)
            var upper = [high[cell], newHigh].compactMap { $0 }.min()
            if excludesSmall[cell] {
                if (1...limit).contains(lower) { lower = limit + 1 }
                if let bound = upper, (1...limit).contains(bound) { upper = 0 }
            }
            if let bound = upper, lower > bound { return false }
            guard lower != low[cell] || upper != high[cell] else { return false }
            low[cell] = lower
            high[cell] = upper
            return true
        }
    }
}
