"""Applies resource limits, then replaces itself with a command (used when `prlimit` is missing).

    python3 rlimit-exec.py NAME=SOFT_AND_HARD ... -- COMMAND ARG...

NAME is a resource of the `resource` module without its RLIMIT_ prefix (AS, DATA, NPROC, NOFILE,
CORE, FSIZE, CPU). Soft and hard limits are set alike, so the code cannot raise them again.
Nothing of the job is read here: the limits hold before the first line of user code runs.
"""

import os
import resource
import sys


def main(argv):
    if "--" not in argv:
        sys.stderr.write("usage: rlimit-exec.py NAME=VALUE ... -- COMMAND ARG...\n")
        return 2
    split = argv.index("--")
    for spec in argv[:split]:
        name, _, value = spec.partition("=")
        limit = int(value)
        resource.setrlimit(getattr(resource, "RLIMIT_" + name), (limit, limit))
    command = argv[split + 1 :]
    os.execv(command[0], command)
    return 127


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
