// COpenSSL: OpenSSL's libcrypto (Debian's libssl-dev) for random bytes and SHA-256, seen by Swift
// through this header alone. RelaisAuth uses it for session tokens, never for passwords.
#include <openssl/evp.h>
#include <openssl/rand.h>
