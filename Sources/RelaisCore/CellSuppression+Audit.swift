// CellSuppression+Audit: which unknown counts the shown counts determine exactly.
//
// Each line is a linear equation, `member + member + ... - total = 0`. The shown cells move to the
// right-hand side, which does not matter for the question asked: an unknown x_k is determined
// exactly when every solution of the homogeneous system in the unknowns has x_k = 0, that is when
// the unit vector e_k lies in the row space of the unknowns' columns. Once the matrix is in reduced
// row echelon form this reads: column k holds a pivot, and its row has no other non-zero entry.
//
// The arithmetic is modulo the prime p = 2^31 - 1: exact with Int64 (a product of two residues is
// below 2^62) and free of floating-point rounding. The rank modulo p equals the rank over the
// rationals unless p divides a minor of the matrix. For a table's rows and columns with their
// totals, and for groups nested in groups, the matrix is totally unimodular (every minor is 0 or
// +-1), so the answer is exact; for other relations a minor divisible by p has a probability of
// about 1/p.

enum LinearAudit {
    static let prime: Int64 = 2_147_483_647

    /// The cells among `unknown` that the lines determine, by cell index.
    static func determined(lines: [SuppressionProblem.Line], unknown: [Bool]) -> [Int] {
        var columnOfCell: [Int: Int] = [:]
        var cellOfColumn: [Int] = []
        var sparseRows: [[(column: Int, value: Int64)]] = []
        for line in lines {
            var entries: [Int: Int64] = [:]
            for (cell, sign) in [(line.total, Int64(-1))] + line.members.map({ ($0, Int64(1)) }) where unknown[cell] {
                let column: Int
                if let known = columnOfCell[cell] {
                    column = known
                } else {
                    column = cellOfColumn.count
                    columnOfCell[cell] = column
                    cellOfColumn.append(cell)
                }
                entries[column, default: 0] += sign
            }
            let row = entries.filter { $0.value != 0 }.map { (column: $0.key, value: reduce($0.value)) }
            if !row.isEmpty { sparseRows.append(row) }
        }
        let columns = cellOfColumn.count
        guard columns > 0, !sparseRows.isEmpty else { return [] }
        var matrix = [Int64](repeating: 0, count: sparseRows.count * columns)
        for (row, entries) in sparseRows.enumerated() {
            for entry in entries { matrix[row * columns + entry.column] = entry.value }
        }
        let pivots = reduceToEchelonForm(&matrix, rows: sparseRows.count, columns: columns)
        var found: [Int] = []
        for (row, pivot) in pivots.enumerated() {
            let start = row * columns
            var alone = true
            for column in 0..<columns where column != pivot && matrix[start + column] != 0 {
                alone = false
                break
            }
            if alone { found.append(cellOfColumn[pivot]) }
        }
        return found
    }

    /// Brings a row-major matrix to reduced row echelon form modulo `prime`; returns the pivot
    /// column of each of the first `rank` rows.
    static func reduceToEchelonForm(_ matrix: inout [Int64], rows: Int, columns: Int) -> [Int] {
        var pivots: [Int] = []
        matrix.withUnsafeMutableBufferPointer { m in
            var rank = 0
            for column in 0..<columns where rank < rows {
                guard let found = (rank..<rows).first(where: { m[$0 * columns + column] != 0 }) else { continue }
                if found != rank {
                    for j in column..<columns { m.swapAt(found * columns + j, rank * columns + j) }
                }
                let top = rank * columns
                let inverse = power(m[top + column], prime - 2)
                for j in column..<columns where m[top + j] != 0 { m[top + j] = m[top + j] * inverse % prime }
                for row in 0..<rows where row != rank {
                    let start = row * columns
                    let factor = m[start + column]
                    if factor == 0 { continue }
                    for j in column..<columns where m[top + j] != 0 {
                        m[start + j] = reduce(m[start + j] - factor * m[top + j] % prime)
                    }
                }
                pivots.append(column)
                rank += 1
            }
        }
        return pivots
    }

    /// The residue of `value` in 0..<prime.
    static func reduce(_ value: Int64) -> Int64 {
        let residue = value % prime
        return residue < 0 ? residue + prime : residue
    }

    /// `base` to the power `exponent`, modulo `prime`.
    static func power(_ base: Int64, _ exponent: Int64) -> Int64 {
        var result: Int64 = 1
        var base = reduce(base)
        var exponent = exponent
        while exponent > 0 {
            if exponent & 1 == 1 { result = result * base % prime }
            base = base * base % prime
            exponent >>= 1
        }
        return result
    }
}
