// CalendarReadError: why CalendarReader refused a file, and where: the core's FileProblems, every
// problem found with its file and physical line (0: the whole file).

import RelaisCore

/// Why `CalendarReader` refused a file.
public typealias CalendarReadError = FileProblems
