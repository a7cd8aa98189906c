/*
 * The run stage's first program. The run container receives only the built artefact, on stdin,
 * ahead of the job: "PJA <bytes>\n" then the artefact's bytes. The loader writes it to /box (the
 * one writable place that may hold a program) and execve()s it in place: no new process, so the
 * run stage's seccomp profile can keep refusing fork and clone. The job input that follows the
 * artefact stays unread on stdin for the program.
 *
 *   loader native               -> execs /box/program
 *   loader java <java args...>  -> writes /box/program.jar, execs java <args> (the args name the jar)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int fail(const char *what) {
  fprintf(stderr, "pairjudge loader: %s\n", what);
  return 70;
}

int main(int argc, char **argv) {
  char header[64];
  size_t n = 0;
  /* One byte at a time: nothing past the header's newline may be consumed here. */
  while (n < sizeof header - 1) {
    ssize_t r = read(0, header + n, 1);
    if (r != 1) return fail("no artefact on stdin");
    if (header[n] == '\n') break;
    n++;
  }
  header[n] = '\0';
  if (strncmp(header, "PJA ", 4) != 0) return fail("malformed artefact header");
  long long size = atoll(header + 4);
  if (size <= 0 || size > (1LL << 30)) return fail("artefact size out of range");
  int java = argc > 1 && strcmp(argv[1], "java") == 0;
  const char *path = java ? "/box/program.jar" : "/box/program";
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, java ? 0400 : 0500);
  if (fd < 0) return fail("cannot write /box");
  char buf[65536];
  long long left = size;
  while (left > 0) {
    ssize_t r = read(0, buf, left < (long long)sizeof buf ? (size_t)left : sizeof buf);
    if (r <= 0) return fail("artefact cut short");
    for (ssize_t done = 0; done < r;) {
      ssize_t w = write(fd, buf + done, (size_t)(r - done));
      if (w <= 0) return fail("cannot write the artefact");
      done += w;
    }
    left -= r;
  }
  close(fd);
  if (java) {
    execv(argv[2], argv + 2);
  } else {
    char *args[] = {(char *)path, NULL};
    execv(path, args);
  }
  return fail(strerror(errno));
}
