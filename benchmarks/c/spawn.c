/* The floor for starting a child and reaping it: posix_spawn(2) a program, waitpid(2) for it, repeat.
 *
 *   spawn [-n COUNT] [-u us|ms] [-l LABEL] [PROGRAM [ARGS...]]
 *
 * PROGRAM defaults to /bin/true (label spawn_posix_spawn_true). Its stdin, stdout and stderr are /dev/null.
 * Three untimed starts come first; then COUNT (default 200) timed ones. Prints `LABEL MEDIAN UNIT`.
 * benchmarks/run.sh also times an empty NativeAOT program with it (spawn_posix_spawn_empty_nativeaot).
 * Build: cc -O2 -o spawn spawn.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "timing.h"

extern char **environ;

/* Starts the program and waits for it; exits the benchmark if it does not end with status 0. */
static void start_and_reap(char **program)
{
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int error = posix_spawn(&pid, program[0], &actions, NULL, program, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) {
        fprintf(stderr, "spawn: posix_spawn %s: %s\n", program[0], strerror(error));
        exit(1);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            perror("spawn: waitpid");
            exit(1);
        }
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr, "spawn: %s ended with status 0x%x\n", program[0], status);
        exit(1);
    }
}

int main(int argc, char **argv)
{
    int count = 200;
    const char *unit = "us";
    const char *label = "spawn_posix_spawn_true";
    int option;
    while ((option = getopt(argc, argv, "+n:u:l:")) != -1) {
        if (option == 'n') count = atoi(optarg);
        else if (option == 'u') unit = optarg;
        else if (option == 'l') label = optarg;
        else {
            fprintf(stderr, "usage: %s [-n COUNT] [-u us|ms] [-l LABEL] [PROGRAM [ARGS...]]\n", argv[0]);
            return 2;
        }
    }
    if (count < 1) count = 1;
    static char *true_program[] = {"/bin/true", NULL};
    char **program = optind < argc ? argv + optind : true_program;

    for (int i = 0; i < 3; i++) start_and_reap(program);
    uint64_t *elapsed = calloc((size_t)count, sizeof *elapsed);
    if (elapsed == NULL) { perror("spawn: calloc"); return 1; }
    for (int i = 0; i < count; i++) {
        uint64_t begin = monotonic_ns();
        start_and_reap(program);
        elapsed[i] = monotonic_ns() - begin;
    }
    qsort(elapsed, (size_t)count, sizeof *elapsed, by_value);
    double scale = strcmp(unit, "ms") == 0 ? 1e6 : 1e3;
    printf("%s %.4g %s\n", label, (double)elapsed[count / 2] / scale, unit);
    free(elapsed);
    return 0;
}
