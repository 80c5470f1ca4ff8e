// CSQLite: SQLite3 from Debian's libsqlite3-dev, seen by Swift through this header alone.
#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift cannot import.
static inline sqlite3_destructor_type relais_sqlite_transient(void) { return SQLITE_TRANSIENT; }
