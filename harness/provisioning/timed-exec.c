/*
 * vmbench-timed PROG [ARG...]: runs PROG with posix_spawn and writes the nanoseconds from just
 * before the spawn to its exit (CLOCK_MONOTONIC) on fd 3, then exits with PROG's status (128 +
 * signal when killed). The provisioning scenario times each clone command through it: Node's
 * spawnSync from the harness costs 4-7 ms per process here (a large parent to fork), a small C
 * parent about 1 ms, so the time recorded is the command's, not the harness's.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: vmbench-timed PROG [ARG...]\n");
    return 125;
  }
  pid_t pid;
  long long t0 = now_ns();
  int err = posix_spawn(&pid, argv[1], NULL, NULL, argv + 1, environ);
  if (err != 0) {
    fprintf(stderr, "vmbench-timed: cannot run %s: %s\n", argv[1], strerror(err));
    return 127;
  }
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      fprintf(stderr, "vmbench-timed: waitpid: %s\n", strerror(errno));
      return 125;
    }
  }
  long long t1 = now_ns();
  dprintf(3, "%lld\n", t1 - t0);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return WEXITSTATUS(status);
}
