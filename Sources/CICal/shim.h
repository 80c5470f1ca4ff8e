// CICal: libical (the reference RFC 5545 implementation) from Debian's libical-dev.
#include <libical/ical.h>
