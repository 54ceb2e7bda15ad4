/*
 * vmbench-echo: UDP round-trip time without raw sockets, so the same method works in a VM, in
 * containers, on the host and in gVisor with hostinet (which has no raw ICMP, so no ping).
 *
 *   vmbench-echo serve ADDR PORT              echo every datagram back to its sender, until killed
 *   vmbench-echo ping ADDR PORT COUNT GAP_MS  COUNT probes GAP_MS apart; one line per reply:
 *                                             "seq=N rtt_us=X", then "sent=N received=M"
 *
 * Each probe carries its sequence number; a reply to an earlier probe (one that arrived after its
 * 1 s timeout) is skipped, so a late reply is never timed against the wrong probe. The round trip
 * is CLOCK_MONOTONIC just before sendto() to just after recv() returns. Built static by
 * scripts/build-launcher.sh so it runs in any image.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define PROBE_BYTES 32

static int parse_addr(const char *addr, const char *port, struct sockaddr_in *sa) {
  char *end;
  long p = strtol(port, &end, 10);
  memset(sa, 0, sizeof *sa);
  sa->sin_family = AF_INET;
  if (*end || p < 1 || p > 65535 || inet_pton(AF_INET, addr, &sa->sin_addr) != 1) return -1;
  sa->sin_port = htons((uint16_t)p);
  return 0;
}

static double now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int serve(int fd, const struct sockaddr_in *sa) {
  if (bind(fd, (const struct sockaddr *)sa, sizeof *sa) != 0) { perror("vmbench-echo: bind"); return 1; }
  char buf[2048];
  for (;;) {
    struct sockaddr_in from;
    socklen_t len = sizeof from;
    ssize_t n = recvfrom(fd, buf, sizeof buf, 0, (struct sockaddr *)&from, &len);
    if (n < 0) { if (errno == EINTR) continue; perror("vmbench-echo: recvfrom"); return 1; }
    (void)sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, len);
  }
}

static int ping(int fd, const struct sockaddr_in *sa, long count, long gap_ms) {
  if (connect(fd, (const struct sockaddr *)sa, sizeof *sa) != 0) { perror("vmbench-echo: connect"); return 1; }
  struct timeval tv = { .tv_sec = 1, .tv_usec = 0 };
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  long received = 0;
  for (long seq = 0; seq < count; seq++) {
    char out[PROBE_BYTES] = { 0 }, in[PROBE_BYTES];
    memcpy(out, &seq, sizeof seq);
    double t0 = now_us();
    if (send(fd, out, sizeof out, 0) < 0) { perror("vmbench-echo: send"); return 1; }
    for (;;) {
      ssize_t n = recv(fd, in, sizeof in, 0);
      double t1 = now_us();
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break; /* timed out (or an ICMP error): this probe is lost */
      long got;
      memcpy(&got, in, sizeof got);
      if (n != PROBE_BYTES || got != seq) continue; /* a late reply to an earlier probe */
      printf("seq=%ld rtt_us=%.3f\n", seq, t1 - t0);
      received++;
      break;
    }
    if (gap_ms > 0 && seq + 1 < count) usleep((useconds_t)(gap_ms * 1000));
  }
  printf("sent=%ld received=%ld\n", count, received);
  return received == count ? 0 : 2;
}

int main(int argc, char **argv) {
  struct sockaddr_in sa;
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (argc == 4 && strcmp(argv[1], "serve") == 0 && parse_addr(argv[2], argv[3], &sa) == 0) {
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) { perror("vmbench-echo: socket"); return 1; }
    return serve(fd, &sa);
  }
  if (argc == 6 && strcmp(argv[1], "ping") == 0 && parse_addr(argv[2], argv[3], &sa) == 0) {
    char *e1, *e2;
    long count = strtol(argv[4], &e1, 10), gap = strtol(argv[5], &e2, 10);
    if (*e1 || *e2 || count < 1 || count > 100000 || gap < 0 || gap > 10000) {
      fprintf(stderr, "vmbench-echo: COUNT must be 1-100000 and GAP_MS 0-10000 (got %s, %s)\n", argv[4], argv[5]);
      return 64;
    }
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    if (fd < 0) { perror("vmbench-echo: socket"); return 1; }
    return ping(fd, &sa, count, gap);
  }
  fprintf(stderr, "usage: vmbench-echo serve ADDR PORT | vmbench-echo ping ADDR PORT COUNT GAP_MS (ADDR: IPv4)\n");
  return 64;
}
