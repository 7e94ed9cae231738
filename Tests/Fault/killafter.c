// An LD_PRELOAD library for govsim's fault-injection tests (FaultInjectionTests): wraps rename()
// and fsync(), lets each call happen, and raises SIGKILL right after the Nth of them
// (GOVSIM_FAULT_KILL_AT=N, counting both kinds from 1). Without the variable it only counts;
// GOVSIM_FAULT_LOG=FILE appends one line per call ("N rename PATH" or "N fsync FD").
// The test compiles it with `cc -shared -fPIC -o killafter.so killafter.c -ldl`.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

static long calls = 0;

static void after(const char *what, const char *detail) {
    long n = __atomic_add_fetch(&calls, 1, __ATOMIC_SEQ_CST);
    const char *log = getenv("GOVSIM_FAULT_LOG");
    if (log) {
        static int (*real_open)(const char *, int, ...);
        if (!real_open) real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
        int fd = real_open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
        if (fd >= 0) {
            char line[4200];
            int len = snprintf(line, sizeof line, "%ld %s %s\n", n, what, detail);
            if (len > 0) { ssize_t w = write(fd, line, (size_t)len < sizeof line ? (size_t)len : sizeof line - 1); (void)w; }
            close(fd);
        }
    }
    const char *at = getenv("GOVSIM_FAULT_KILL_AT");
    if (at && atol(at) == n) raise(SIGKILL);
}

int rename(const char *from, const char *to) {
    static int (*real)(const char *, const char *);
    if (!real) real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    int r = real(from, to);
    after("rename", to);
    return r;
}

int fsync(int fd) {
    static int (*real)(int);
    if (!real) real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    int r = real(fd);
    char detail[32];
    snprintf(detail, sizeof detail, "%d", fd);
    after("fsync", detail);
    return r;
}
