/*
 * lean-launch: the leanest way to time "launch → marker line", as the reference that
 * `vmbench calibrate` holds the harness's own launch path against. posix_spawn the command with
 * stdout on a pipe, read until a line starting with MARKER arrives, print the elapsed
 * CLOCK_MONOTONIC nanoseconds, then kill and reap the child's process group.
 *
 *   lean-launch MARKER COMMAND [ARG...]     prints one line: <ns>   (exit 0), or exits 1
 */
#define _GNU_SOURCE
#include <signal.h>
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
  if (argc < 3) { fprintf(stderr, "usage: lean-launch MARKER COMMAND [ARG...]\n"); return 2; }
  const char *marker = argv[1];
  size_t mlen = strlen(marker);
  int fds[2];
  if (pipe(fds) < 0) return 1;
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
  posix_spawn_file_actions_addclose(&fa, fds[0]);
  posix_spawnattr_t at;
  posix_spawnattr_init(&at);
  posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID);
  pid_t pid;
  /* One untimed spawn first, as a long-running launcher is warm: lazy binding and page faults of
     posix_spawn's first call are not part of launching an instance. */
  char *true_argv[] = { "true", NULL };
  if (posix_spawnp(&pid, "true", NULL, NULL, true_argv, environ) == 0) waitpid(pid, NULL, 0);
  long long start = now_ns();
  if (posix_spawnp(&pid, argv[2], &fa, &at, argv + 2, environ) != 0) return 1;
  close(fds[1]);
  char buf[65536];
  size_t have = 0;
  long long found = -1;
  for (;;) {
    ssize_t n = read(fds[0], buf + have, sizeof buf - have - 1);
    if (n <= 0) break;
    long long at_ns = now_ns();
    have += (size_t)n;
    buf[have] = 0;
    /* a line that starts with the marker */
    for (char *line = buf; line && *line; ) {
      if (strncmp(line, marker, mlen) == 0 && strchr(line, '\n')) { found = at_ns; break; }
      char *nl = strchr(line, '\n');
      line = nl ? nl + 1 : NULL;
    }
    if (found >= 0) break;
    if (have > sizeof buf / 2) { /* keep the tail only */
      memmove(buf, buf + have / 2, have - have / 2);
      have -= have / 2;
    }
  }
  /* Let the workload end by itself (hello exits after its marker): a group kill would orphan a
     namespace's init to PID 1. Timing is already done. */
  while (found >= 0 && read(fds[0], buf, sizeof buf) > 0) {}
  if (found < 0) kill(-pid, SIGKILL);
  waitpid(pid, NULL, 0);
  if (found < 0) return 1;
  printf("%lld\n", found - start);
  return 0;
}
