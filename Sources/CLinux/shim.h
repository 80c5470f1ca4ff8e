// CLinux: the Linux system calls the daemon waits on that Glibc's Swift module does not expose:
// signalfd (signals as a readable file descriptor) and inotify (calendar files edited).
#include <sys/signalfd.h>
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/un.h>
