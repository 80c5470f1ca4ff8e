// ASCIIBytes: the byte-wise tests that spare Foundation's string search on paths run for every
// message (issue 16): an ASCII letter made small, whether bytes hold a run of bytes (whatever the
// case of its ASCII letters, or not), and where such runs start. Used by the templates' missing-link mark (MessageTemplate+Link), the recipient's
// redaction and List-Unsubscribe (RelaisDelivery), the invitations' shapes (RelaisCalendar), and the
// e-mail address check.

extension UInt8 {
    /// This byte with an ASCII capital letter made small; any other byte as it is.
    @inlinable public var asciiLowercased: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }
}

extension Collection where Element == UInt8 {
    /// Whether these bytes hold `run` somewhere (an empty run: yes).
    public func holds(_ run: [UInt8]) -> Bool { firstRange(ofBytes: run) != nil }

    /// Whether these bytes hold `run` somewhere, ASCII letters compared whatever their case (an empty
    /// run: yes). Inlinable, so that a caller in another module gets it made for its own collections:
    /// the search of every server reply for its recipient, on the hand-over thread (RelaisDelivery).
    @inlinable
    public func holdsIgnoringASCIICase<Run: Collection>(_ run: Run) -> Bool where Run.Element == UInt8 {
        guard let first = run.first?.asciiLowercased else { return true }
        var index = startIndex
        while let start = self[index...].firstIndex(where: { $0.asciiLowercased == first }) {
            if self[start...].starts(with: run, by: { $0.asciiLowercased == $1.asciiLowercased }) { return true }
            index = self.index(after: start)
        }
        return false
    }

    /// Where each `run` starts in these bytes, in order, runs not overlapping (none for an empty run).
    func startsOfRuns(_ run: [UInt8]) -> [Index] {
        guard !run.isEmpty else { return [] }
        var starts: [Index] = []
        var rest = self[...]
        while let found = rest.firstRange(ofBytes: run) {
            starts.append(found.lowerBound)
            rest = self[found.upperBound...]
        }
        return starts
    }

    /// Where `run` first is in these bytes (an empty run: at the start). Its first byte is looked for first.
    public func firstRange(ofBytes run: [UInt8]) -> Range<Index>? {
        guard let first = run.first else { return startIndex..<startIndex }
        var index = startIndex
        while let start = self[index...].firstIndex(of: first) {
            if self[start...].starts(with: run) { return start..<self.index(start, offsetBy: run.count) }
            index = self.index(after: start)
        }
        return nil
    }
}
