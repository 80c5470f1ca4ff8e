// CCrypt: libxcrypt (Debian's libcrypt-dev) for yescrypt password hashes, seen by Swift through
// this header alone.
#include <crypt.h>
