// CSQLite: SQLite3 from Debian's libsqlite3-dev, seen by Swift through this header alone.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type relais_sqlite_transient(void) { return SQLITE_TRANSIENT; }

// sqlite3_config is variadic, which Swift cannot call. Turns off SQLite's memory statistics
// (SQLITE_CONFIG_MEMSTATUS), which take one process-wide mutex on every allocation: with the
// desk's threads each on its own connection, that mutex was contended on every query. Must run
// before SQLite is first used in the process; returns SQLITE_OK, or SQLITE_MISUSE when too late.
static inline int relais_sqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
