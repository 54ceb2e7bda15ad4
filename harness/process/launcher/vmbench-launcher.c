/*
 * vmbench-launcher: starts instances for the harness and timestamps them, so that no Node.js
 * latency sits inside a timed window.
 *
 * Why: child_process.spawn from a ~100 MiB Node process forks a large address space and only
 * sees the instance's output when the event loop gets to it; that added ~3 ms (~80 %) to a 4 ms
 * container start. This process stays small, starts instances with posix_spawn (clone+vfork in
 * glibc), and takes CLOCK_MONOTONIC timestamps itself: just before the spawn, and as each read of
 * an instance's output returns. Node's process.hrtime() reads the same clock, so the two agree.
 *
 * It is also the instances' parent and a child subreaper: it reaps every instance root and every
 * orphan below them at once, so nothing waits as a zombie for a PID 1 that may never reap.
 *
 * It waits with epoll, not poll: with a thousand instances up, a poll over their 2000 pipes on
 * every wake-up cost 1.3 s of system time in a 1000-container density run (O(N) per wake-up,
 * O(N²) over the run) and sat inside every later launch's timing; epoll's cost follows the
 * pipes that are ready, not the ones that exist.
 *
 * Protocol. Requests on stdin: u32 length (host order) + NUL-separated fields:
 *   "S" id file cwd argc arg... envc env...        spawn one instance
 * Frames on stdout: struct frame (below) + len payload bytes:
 *   STARTED   aux = pid, ts = just before posix_spawn
 *   FAILED    aux = errno, payload = strerror
 *   STDOUT / STDERR  ts = when read() returned, payload = the bytes
 *   EXITED    aux = wait status, ts = when reaped (after the last output of that instance)
 * It exits when stdin is closed and it has no child left.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { STARTED = 1, FAILED = 2, STDOUT_DATA = 3, STDERR_DATA = 4, EXITED = 5 };

struct frame {
  uint8_t type;
  uint8_t pad[3];
  uint32_t id;
  uint64_t ts;
  uint32_t len;
  int32_t aux;
};

struct instance;

/* One read end as epoll sees it: its event's data.ptr, so a ready pipe finds its instance at once. */
struct endpoint {
  struct instance *owner;
  int fd; /* -1 once at EOF */
  uint8_t type;
};

struct instance {
  uint32_t id;
  pid_t pid;
  struct endpoint out, err;
};

/* Heap-allocated one by one, so endpoints stay put while the array of pointers is compacted. */
static struct instance **instances;
static size_t count, capacity;
static int output_ok = 1;
static int epfd = -1;

static uint64_t now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static void write_all(const void *buf, size_t len) {
  const char *p = buf;
  while (output_ok && len > 0) {
    ssize_t n = write(1, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) { output_ok = 0; return; } /* the harness is gone: keep reaping, stop talking */
    p += n;
    len -= (size_t)n;
  }
}

static void send_frame(uint8_t type, uint32_t id, uint64_t ts, int32_t aux, const void *data, uint32_t len) {
  struct frame f = { .type = type, .id = id, .ts = ts, .len = len, .aux = aux };
  write_all(&f, sizeof f);
  if (len) write_all(data, len);
}

/* Closing the read end also takes it out of the epoll set: no other descriptor refers to it. */
static void close_endpoint(struct endpoint *e) {
  if (e->fd >= 0) close(e->fd);
  e->fd = -1;
}

/* Reads what is there now: 1 bytes sent, 0 nothing now, -1 EOF or error (the fd is closed). */
static int pump(struct endpoint *e) {
  char buf[65536];
  ssize_t n = read(e->fd, buf, sizeof buf);
  uint64_t ts = now_ns();
  if (n < 0 && (errno == EINTR || errno == EAGAIN)) return 0;
  if (n <= 0) { close_endpoint(e); return -1; }
  send_frame(e->type, e->owner->id, ts, 0, buf, (uint32_t)n);
  return 1;
}

/* After the root exits: what is already in its pipes. A descendant still holding them is cut off. */
static void drain(struct instance *in) {
  while (in->out.fd >= 0 && pump(&in->out) == 1) {}
  while (in->err.fd >= 0 && pump(&in->err) == 1) {}
}

static int watch(struct endpoint *e) {
  struct epoll_event ev = { .events = EPOLLIN, .data.ptr = e };
  return epoll_ctl(epfd, EPOLL_CTL_ADD, e->fd, &ev);
}

static void spawn_one(char **fields, size_t nfields) {
  /* S id file cwd argc args... envc envs... */
  if (nfields < 5) return;
  uint32_t id = (uint32_t)strtoul(fields[1], NULL, 10);
  const char *file = fields[2], *cwd = fields[3];
  size_t argc = strtoul(fields[4], NULL, 10);
  if (5 + argc >= nfields) return;
  size_t envc = strtoul(fields[5 + argc], NULL, 10);
  if (6 + argc + envc > nfields) return;
  char **argv = calloc(argc + 1, sizeof *argv), **envp = calloc(envc + 1, sizeof *envp);
  for (size_t i = 0; i < argc; i++) argv[i] = fields[5 + i];
  for (size_t i = 0; i < envc; i++) envp[i] = fields[6 + argc + i];

  int out[2], err[2];
  if (pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0) {
    int e = errno;
    send_frame(FAILED, id, now_ns(), e, strerror(e), (uint32_t)strlen(strerror(e)));
    free(argv); free(envp);
    return;
  }
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  if (cwd[0]) posix_spawn_file_actions_addchdir_np(&fa, cwd);
  posix_spawnattr_t at;
  posix_spawnattr_init(&at);
  sigset_t none, all;
  sigemptyset(&none);
  sigfillset(&all);
  posix_spawnattr_setsigmask(&at, &none);
  posix_spawnattr_setsigdefault(&at, &all);
  /* Its own session and process group, like Node's detached: true; teardown signals the group. */
  posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  pid_t pid;
  uint64_t ts = now_ns();
  int rc = posix_spawnp(&pid, file, &fa, &at, argv, envp);
  posix_spawn_file_actions_destroy(&fa);
  posix_spawnattr_destroy(&at);
  close(out[1]);
  close(err[1]);
  free(argv);
  free(envp);
  if (rc != 0) {
    close(out[0]);
    close(err[0]);
    send_frame(FAILED, id, ts, rc, strerror(rc), (uint32_t)strlen(strerror(rc)));
    return;
  }
  fcntl(out[0], F_SETFL, O_NONBLOCK);
  fcntl(err[0], F_SETFL, O_NONBLOCK);
  if (count == capacity) {
    capacity = capacity ? capacity * 2 : 64;
    instances = realloc(instances, capacity * sizeof *instances);
  }
  struct instance *in = malloc(sizeof *in);
  *in = (struct instance){ .id = id, .pid = pid, .out = { in, out[0], STDOUT_DATA }, .err = { in, err[0], STDERR_DATA } };
  /* Unwatched, a pipe would never be read: its instance would block once the pipe is full. Rather
     stop reading it at once (EOF: its output goes nowhere) than hang; epoll_ctl fails only
     without memory. */
  if (watch(&in->out) < 0) close_endpoint(&in->out);
  if (watch(&in->err) < 0) close_endpoint(&in->err);
  instances[count++] = in;
  send_frame(STARTED, id, ts, pid, NULL, 0);
}

/* Parses every complete request in buf; returns how many bytes were used. */
static size_t handle_requests(char *buf, size_t len) {
  size_t used = 0;
  while (len - used >= 4) {
    uint32_t n;
    memcpy(&n, buf + used, 4);
    if (len - used - 4 < n) break;
    char *p = buf + used + 4, *end = p + n;
    size_t nfields = 0, cap = 16;
    char **fields = malloc(cap * sizeof *fields);
    while (p < end) {
      if (nfields == cap) fields = realloc(fields, (cap *= 2) * sizeof *fields);
      fields[nfields++] = p;
      p += strnlen(p, (size_t)(end - p)) + 1;
    }
    if (nfields > 0 && strcmp(fields[0], "S") == 0) spawn_one(fields, nfields);
    free(fields);
    used += 4 + n;
  }
  return used;
}

static void reap(void) {
  int status;
  pid_t pid;
  while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
    for (size_t i = 0; i < count; i++) {
      struct instance *in = instances[i];
      if (in->pid != pid) continue;
      uint64_t ts = now_ns();
      drain(in);
      close_endpoint(&in->out);
      close_endpoint(&in->err);
      send_frame(EXITED, in->id, ts, status, NULL, 0);
      instances[i] = instances[--count];
      free(in);
      break;
    }
    /* Not an instance root: an orphan re-parented to us (we are a subreaper). Reaped, done. */
  }
}

enum { BATCH = 64 };
/* Tags for the two descriptors that are not an instance's pipe. */
static char signal_tag, stdin_tag;

int main(void) {
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  signal(SIGPIPE, SIG_IGN);
  sigset_t chld;
  sigemptyset(&chld);
  sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, NULL);
  int sfd = signalfd(-1, &chld, SFD_CLOEXEC | SFD_NONBLOCK);
  fcntl(1, F_SETPIPE_SZ, 1 << 20); /* room for bursts while the harness is busy */
  epfd = epoll_create1(EPOLL_CLOEXEC);
  if (sfd < 0 || epfd < 0) return 1;
  struct epoll_event sev = { .events = EPOLLIN, .data.ptr = &signal_tag }, iev = { .events = EPOLLIN, .data.ptr = &stdin_tag };
  if (epoll_ctl(epfd, EPOLL_CTL_ADD, sfd, &sev) < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, 0, &iev) < 0) return 1;

  size_t inlen = 0, incap = 1 << 16;
  char *in = malloc(incap);
  int stdin_open = 1;
  struct epoll_event events[BATCH];
  for (;;) {
    if (!stdin_open && count == 0) {
      reap();
      if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD) return 0;
    }
    /* Without stdin and instances, orphans may remain: wake now and then to reap them. */
    int timeout = (!stdin_open && count == 0) ? 50 : -1;
    int n = epoll_wait(epfd, events, BATCH, timeout);
    if (n < 0) {
      if (errno == EINTR) continue;
      return 1;
    }
    /* Output first, so an instance's last bytes go out before its EXITED frame; and no instance
       is freed (by reap) while this batch may still point at it. */
    int child_exited = 0, request = 0;
    for (int i = 0; i < n; i++) {
      void *tag = events[i].data.ptr;
      if (tag == &signal_tag) child_exited = 1;
      else if (tag == &stdin_tag) request = 1;
      else if (((struct endpoint *)tag)->fd >= 0) pump(tag);
    }
    if (child_exited) {
      struct signalfd_siginfo si;
      while (read(sfd, &si, sizeof si) == sizeof si) {}
      reap();
    }
    if (request && stdin_open) {
      if (inlen == incap) in = realloc(in, incap *= 2);
      ssize_t r = read(0, in + inlen, incap - inlen);
      if (r <= 0 && !(r < 0 && errno == EINTR)) {
        stdin_open = 0;
        epoll_ctl(epfd, EPOLL_CTL_DEL, 0, NULL);
      } else if (r > 0) {
        inlen += (size_t)r;
        size_t used = handle_requests(in, inlen);
        memmove(in, in + used, inlen - used);
        inlen -= used;
      }
    }
  }
}
