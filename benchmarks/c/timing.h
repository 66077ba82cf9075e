/* What the C floors share: a monotonic clock in nanoseconds and a comparison for sorting samples. */
#ifndef MULTIPROC_BENCH_TIMING_H
#define MULTIPROC_BENCH_TIMING_H
#include <stdint.h>
#include <time.h>

static inline uint64_t monotonic_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static inline int by_value(const void *left, const void *right)
{
    uint64_t a = *(const uint64_t *)left, b = *(const uint64_t *)right;
    return (a > b) - (a < b);
}
#endif
