// CalendarReadError: why CalendarReader refused a file, and where: the core's FileError, which
// names the file and the physical line (0: the whole file).

import RelaisCore

/// Why `CalendarReader` refused a file.
public typealias CalendarReadError = FileError
