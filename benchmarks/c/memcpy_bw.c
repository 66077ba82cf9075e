/* Memory bandwidth floors for moving 256 MiB, against which the shared-memory rows are read.
 *
 *   memcpy_bw        (no arguments; a few seconds)
 *
 * c_private_first_touch_memset  memset of freshly allocated private pages (page faults included)
 * c_memcpy_256MiB_warm          memcpy between two private buffers whose pages are present (bytes copied/s)
 * c_memset_256MiB_warm          memset, pages present
 * c_read_sum_u64_256MiB_warm    summing the buffer as uint64, pages present
 * c_shm_first_touch_memset      shm_open + ftruncate + mmap, memset: tmpfs pages allocated on the way
 * c_shm_map_existing_copy_out   a second mapping of that populated object, memcpy out into a private
 *                               buffer (minor faults included: "the parent reads what the child wrote")
 * c_shm_memcpy_out_warm         the same copy again, pages mapped
 * Rows measured repeatedly report the median of 5. GB = 10^9 bytes.
 * Build: cc -O2 -o memcpy_bw memcpy_bw.c
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define BYTES ((size_t)256 << 20)
#define TIMES 5

static double seconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static int by_value(const void *left, const void *right)
{
    double a = *(const double *)left, b = *(const double *)right;
    return (a > b) - (a < b);
}

static void print_rate(const char *name, double seconds)
{
    printf("%s %.4g GB/s\n", name, (double)BYTES / seconds / 1e9);
    fflush(stdout);
}

static volatile uint64_t keep;

typedef void (*pass_fn)(char *to, const char *from, int round);

static void copy_pass(char *to, const char *from, int round) { (void)round; memcpy(to, from, BYTES); }
static void set_pass(char *to, const char *from, int round) { (void)from; memset(to, round, BYTES); }
static void sum_pass(char *to, const char *from, int round)
{
    (void)to; (void)round;
    const uint64_t *words = (const uint64_t *)from;
    uint64_t sum = 0;
    for (size_t i = 0; i < BYTES / sizeof *words; i++) sum += words[i];
    keep = sum;
}

/* Median time of TIMES passes. */
static double median_of(pass_fn pass, char *to, const char *from)
{
    double taken[TIMES];
    for (int round = 0; round < TIMES; round++) {
        double begin = seconds_now();
        pass(to, from, round);
        taken[round] = seconds_now() - begin;
    }
    qsort(taken, TIMES, sizeof taken[0], by_value);
    return taken[TIMES / 2];
}

int main(void)
{
    char *source = malloc(BYTES), *target = malloc(BYTES);
    if (source == NULL || target == NULL) { perror("memcpy_bw: malloc"); return 1; }

    double begin = seconds_now();
    memset(source, 7, BYTES);
    print_rate("c_private_first_touch_memset", seconds_now() - begin);
    memset(target, 0, BYTES);
    print_rate("c_memcpy_256MiB_warm", median_of(copy_pass, target, source));
    print_rate("c_memset_256MiB_warm", median_of(set_pass, source, NULL));
    print_rate("c_read_sum_u64_256MiB_warm", median_of(sum_pass, NULL, target));

    char name[64];
    snprintf(name, sizeof name, "/multiproc_bench_%ld", (long)getpid());
    int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0) { perror("memcpy_bw: shm_open"); return 1; }
    shm_unlink(name);                     /* nothing is left in /dev/shm, whatever happens next */
    if (ftruncate(fd, (off_t)BYTES) != 0) { perror("memcpy_bw: ftruncate"); return 1; }
    char *writer = mmap(NULL, BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *reader = mmap(NULL, BYTES, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (writer == MAP_FAILED || reader == MAP_FAILED) { perror("memcpy_bw: mmap"); return 1; }
    begin = seconds_now();
    memset(writer, 3, BYTES);
    print_rate("c_shm_first_touch_memset", seconds_now() - begin);
    begin = seconds_now();
    memcpy(target, reader, BYTES);
    print_rate("c_shm_map_existing_copy_out", seconds_now() - begin);
    print_rate("c_shm_memcpy_out_warm", median_of(copy_pass, target, reader));
    if (target[BYTES / 3] != 3) { fprintf(stderr, "memcpy_bw: the copy is wrong\n"); return 1; }

    munmap(writer, BYTES);
    munmap(reader, BYTES);
    close(fd);
    free(source);
    free(target);
    return 0;
}
