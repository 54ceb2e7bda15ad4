/*
 * vmbench-cowprobe FILE BLOCKS STRIDE: the latency of single 4 KiB O_DIRECT operations on a file
 * of pre-existing data (claim C8), one line per operation, in nanoseconds (CLOCK_MONOTONIC):
 *   read   I  NS   read of block I at (BLOCKS + I) * STRIDE, before anything was written (O_RDONLY)
 *   open   0  NS   open(O_RDWR): on overlayfs this is where the whole file is copied up
 *   first  I  NS   the first write to block I at I * STRIDE
 *   second I  NS   a second write to the same block
 *   reread I  NS   the unchanged blocks of "read" again, after the writes, through the O_RDWR fd
 * O_DIRECT, so the page cache neither absorbs the writes nor serves the reads. A file system
 * without O_DIRECT is an error (exit 2), not a silent buffered measurement.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define BLOCK 4096

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void die(const char *what, const char *file) {
  fprintf(stderr, "vmbench-cowprobe: %s %s: %s\n", what, file, strerror(errno));
  exit(2);
}

static void run(const char *phase, int fd, int write, long blocks, long first, long stride, unsigned char *buf, const char *file) {
  for (long i = 0; i < blocks; i++) {
    off_t at = (off_t)(first + i) * stride;
    memset(buf, write ? (int)(0xa0 + (phase[0] & 0x0f)) : 0, BLOCK);
    long long t0 = now_ns();
    ssize_t n = write ? pwrite(fd, buf, BLOCK, at) : pread(fd, buf, BLOCK, at);
    long long t1 = now_ns();
    if (n != BLOCK) die(write ? "pwrite" : "pread", file);
    printf("%s %ld %lld\n", phase, i, t1 - t0);
  }
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: vmbench-cowprobe FILE BLOCKS STRIDE\n");
    return 1;
  }
  const char *file = argv[1];
  long blocks = strtol(argv[2], NULL, 10);
  long stride = strtol(argv[3], NULL, 10);
  if (blocks < 1 || stride < BLOCK || stride % BLOCK != 0) {
    fprintf(stderr, "vmbench-cowprobe: BLOCKS must be >= 1 and STRIDE a multiple of %d\n", BLOCK);
    return 1;
  }
  struct stat st;
  if (stat(file, &st) != 0) die("stat", file);
  if (st.st_size < (off_t)(2 * blocks) * stride) {
    fprintf(stderr, "vmbench-cowprobe: %s holds %lld bytes, %ld blocks at a stride of %ld need %lld\n", file, (long long)st.st_size, blocks, stride, (long long)(2 * blocks) * stride);
    return 1;
  }
  unsigned char *buf;
  if (posix_memalign((void **)&buf, BLOCK, BLOCK) != 0) die("posix_memalign", file);
  int ro = open(file, O_RDONLY | O_DIRECT);
  if (ro < 0) die("open O_RDONLY|O_DIRECT", file);
  run("read", ro, 0, blocks, blocks, stride, buf, file);
  close(ro);
  long long t0 = now_ns();
  int fd = open(file, O_RDWR | O_DIRECT);
  long long t1 = now_ns();
  if (fd < 0) die("open O_RDWR|O_DIRECT", file);
  printf("open 0 %lld\n", t1 - t0);
  run("first", fd, 1, blocks, 0, stride, buf, file);
  run("second", fd, 1, blocks, 0, stride, buf, file);
  run("reread", fd, 0, blocks, blocks, stride, buf, file);
  if (close(fd) != 0) die("close", file);
  return 0;
}
