/* The floor for a cross-process round trip: a forked child echoes one byte, the parent times each round trip.
 *
 *   pingpong socketpair|pipe|framed [ROUNDS [none|same|cross]]
 *
 * socketpair: one AF_UNIX SOCK_STREAM socketpair, both directions (what a duplex Pipe() is, in Python and in
 * Multiproc). pipe: two pipe(2)s, one per direction. framed: the socketpair carrying what a Connection sends, a
 * 9-byte message in multiprocessing.connection's framing (4-byte big-endian length, then the body): one sendmsg of
 * header and body, then a recv of the header and a recv of the body, as Python and Multiproc receive without reading
 * ahead. ROUNDS defaults to 200000, after 2000 untimed ones.
 * Placement: none lets the scheduler decide; same pins both processes to CPU 0; cross pins the parent to CPU 0
 * and the child to CPU 1. On a small VM the unpinned figure jumps between the two (an on-CPU hand-off costs a
 * few microseconds, waking the other CPU tens), so read the pinned rows, the mean and p10/p90 beside it.
 * Prints c_<kind>_pingpong[_same|_cross] (median), then _mean, _p10 and _p90, in microseconds.
 * Build: cc -O2 -o pingpong pingpong.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "timing.h"

enum { Warmup = 2000 };

static void fail(const char *what)
{
    perror(what);
    exit(1);
}

static void pin_to(int cpu)
{
    if (cpu < 0) return;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0) fail("pingpong: sched_setaffinity");
}

enum { BodyLength = 9 };

/* Receives exactly length bytes. */
static void receive_exactly(int from, char *buffer, size_t length)
{
    while (length > 0) {
        ssize_t done = recv(from, buffer, length, 0);
        if (done <= 0) {
            if (done < 0 && errno == EINTR) continue;
            fail("pingpong: recv");
        }
        buffer += done;
        length -= (size_t)done;
    }
}

/* Receives one framed message: its header, then its body. */
static void receive_framed(int from)
{
    unsigned char header[4];
    char body[64];
    receive_exactly(from, (char *)header, sizeof header);
    size_t length = ((size_t)header[0] << 24) | ((size_t)header[1] << 16) | ((size_t)header[2] << 8) | header[3];
    if (length > sizeof body) fail("pingpong: frame length");
    receive_exactly(from, body, length);
}

/* Sends one framed message, header and body in one sendmsg. */
static void send_framed(int to)
{
    unsigned char header[4] = { 0, 0, 0, BodyLength };
    char body[BodyLength] = "(42, 'x')";
    struct iovec parts[2] = { { header, sizeof header }, { body, BodyLength } };
    struct msghdr message = { .msg_iov = parts, .msg_iovlen = 2 };
    while (sendmsg(to, &message, MSG_NOSIGNAL) != (ssize_t)(sizeof header + BodyLength))
        if (errno != EINTR) fail("pingpong: sendmsg");
}

static int framed;

static void move_one_byte(int from, int to, char *byte)
{
    if (framed) {
        receive_framed(from);
        send_framed(to);
        return;
    }
    ssize_t done;
    while ((done = read(from, byte, 1)) != 1)
        if (done == 0 || errno != EINTR) fail("pingpong: read");
    while ((done = write(to, byte, 1)) != 1)
        if (errno != EINTR) fail("pingpong: write");
}

int main(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "socketpair") != 0 && strcmp(argv[1], "pipe") != 0 && strcmp(argv[1], "framed") != 0)) {
        fprintf(stderr, "usage: %s socketpair|pipe|framed [ROUNDS [none|same|cross]]\n", argv[0]);
        return 2;
    }
    const char *kind = argv[1];
    int rounds = argc > 2 ? atoi(argv[2]) : 200000;
    const char *placement = argc > 3 ? argv[3] : "none";
    int parent_cpu = -1, child_cpu = -1;
    if (strcmp(placement, "same") == 0) parent_cpu = child_cpu = 0;
    else if (strcmp(placement, "cross") == 0) { parent_cpu = 0; child_cpu = 1; }
    else if (strcmp(placement, "none") != 0) { fprintf(stderr, "pingpong: unknown placement %s\n", placement); return 2; }
    if (rounds < 10) rounds = 10;

    /* parent reads parent_in, writes parent_out; the child the other ends. */
    int parent_in, parent_out, child_in, child_out;
    framed = strcmp(kind, "framed") == 0;
    if (strcmp(kind, "socketpair") == 0 || framed) {
        int ends[2];
        if (socketpair(AF_UNIX, SOCK_STREAM, 0, ends) != 0) fail("pingpong: socketpair");
        parent_in = parent_out = ends[0];
        child_in = child_out = ends[1];
    } else {
        int down[2], up[2];
        if (pipe(down) != 0 || pipe(up) != 0) fail("pingpong: pipe");
        parent_out = down[1]; child_in = down[0];
        child_out = up[1]; parent_in = up[0];
    }

    pid_t child = fork();
    if (child < 0) fail("pingpong: fork");
    if (child == 0) {
        pin_to(child_cpu);
        char byte;
        for (int i = 0; i < Warmup + rounds; i++) move_one_byte(child_in, child_out, &byte);
        _exit(0);
    }
    pin_to(parent_cpu);
    uint64_t *elapsed = calloc((size_t)rounds, sizeof *elapsed);
    if (elapsed == NULL) fail("pingpong: calloc");
    char byte = 'p';
    for (int i = 0; i < Warmup + rounds; i++) {
        uint64_t begin = monotonic_ns();
        if (framed) {
            send_framed(parent_out);
            receive_framed(parent_in);
        } else {
            if (write(parent_out, &byte, 1) != 1) fail("pingpong: write");
            while (read(parent_in, &byte, 1) != 1)
                if (errno != EINTR) fail("pingpong: read");
        }
        if (i >= Warmup) elapsed[i - Warmup] = monotonic_ns() - begin;
    }
    waitpid(child, NULL, 0);

    double total = 0;
    for (int i = 0; i < rounds; i++) total += (double)elapsed[i];
    qsort(elapsed, (size_t)rounds, sizeof *elapsed, by_value);
    char name[64];
    snprintf(name, sizeof name, "c_%s_pingpong%s%s", kind, parent_cpu < 0 ? "" : "_", parent_cpu < 0 ? "" : placement);
    printf("%s %.4g us\n", name, (double)elapsed[rounds / 2] / 1e3);
    printf("%s_mean %.4g us\n", name, total / rounds / 1e3);
    printf("%s_p10 %.4g us\n", name, (double)elapsed[rounds / 10] / 1e3);
    printf("%s_p90 %.4g us\n", name, (double)elapsed[(long)rounds * 9 / 10] / 1e3);
    free(elapsed);
    return 0;
}
