/**
 * The sandbox's seccomp profile. It allows ordinary syscalls and refuses:
 *
 * - new processes: `clone` without CLONE_THREAD, `fork`, `vfork` (threads stay allowed: Node and
 *   Python need them). User code cannot spawn programs, so the only program in the container is
 *   the harness's runtime. `clone3` answers ENOSYS so that libc falls back to `clone`, which the
 *   rule above can inspect (seccomp cannot read clone3's flags, they sit behind a pointer).
 * - new namespaces: `clone` with any CLONE_NEW* flag, in both stages (`unshare` and `setns` are
 *   refused below). A user namespace hands its creator every capability inside it, and that is
 *   how most recent kernel privilege escalations start (nf_tables through CLONE_NEWUSER|NEWNET);
 *   Docker's default profile refuses these flags too. The compile stage, which may fork, needs
 *   this rule most: the run stage's thread-only rule leaves only CLONE_THREAD clones, which the
 *   kernel itself refuses with NEWUSER or NEWPID.
 * - the syscalls Docker's default profile refuses (kernel modules, mounts, namespaces, ptrace,
 *   reading other processes' memory, keyrings, bpf, perf, clock changes…). Capabilities are all
 *   dropped as well; this is the second wall for the kernel's attack surface.
 */
const EPERM = 1;
const ENOSYS = 38;
const CLONE_THREAD = 0x10000;
const CLONE_NEW_FLAGS = {
  CLONE_NEWNS: 0x20000,
  CLONE_NEWCGROUP: 0x2000000,
  CLONE_NEWUTS: 0x4000000,
  CLONE_NEWIPC: 0x8000000,
  CLONE_NEWUSER: 0x10000000,
  CLONE_NEWPID: 0x20000000,
  CLONE_NEWNET: 0x40000000,
};

/**
 * One rule per flag: (flags & flag) == flag answers EPERM. Rules for one syscall are ORed by
 * libseccomp; a rule cannot test several flags at once, as one comparison per argument is allowed.
 */
const NAMESPACE_CLONES = Object.values(CLONE_NEW_FLAGS).map((flag) => ({
  names: ['clone'],
  action: 'SCMP_ACT_ERRNO',
  errnoRet: EPERM,
  args: [{ index: 0, value: flag, valueTwo: flag, op: 'SCMP_CMP_MASKED_EQ' }],
}));

const REFUSED = [
  'acct', 'add_key', 'bpf', 'clock_adjtime', 'clock_settime', 'create_module', 'delete_module',
  'fanotify_init', 'finit_module', 'get_kernel_syms', 'get_mempolicy', 'init_module', 'io_uring_enter',
  'io_uring_register', 'io_uring_setup', 'ioperm', 'iopl', 'kcmp', 'kexec_file_load', 'kexec_load',
  'keyctl', 'lookup_dcookie', 'mbind', 'mount', 'mount_setattr', 'move_mount', 'move_pages',
  'name_to_handle_at', 'nfsservctl', 'open_by_handle_at', 'open_tree', 'perf_event_open', 'personality',
  'pivot_root', 'process_vm_readv', 'process_vm_writev', 'ptrace', 'query_module', 'quotactl', 'reboot',
  'request_key', 'set_mempolicy', 'setns', 'settimeofday', 'stime', 'swapoff', 'swapon', 'sysfs',
  '_sysctl', 'syslog', 'umount', 'umount2', 'unshare', 'uselib', 'userfaultfd', 'ustat', 'vm86', 'vm86old',
  'fsopen', 'fsconfig', 'fsmount', 'fspick', 'pidfd_getfd',
  // An in-memory file can be executed, which would sidestep the noexec /tmp.
  'memfd_create', 'memfd_secret',
  'fork', 'vfork',
];

/**
 * The compile stage's profile: the same refusals, except that new processes are allowed, since
 * compilers are pipelines of programs (gcc runs cc1, as, collect2, ld). The pids limit, the
 * memory limit and the deadline of the compile container bound what forking can do; the run stage
 * that executes the built program keeps sandboxSeccompProfile().
 */
export function compileSeccompProfile(): string {
  return JSON.stringify({
    defaultAction: 'SCMP_ACT_ALLOW',
    architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32', 'SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM'],
    syscalls: [
      { names: REFUSED.filter((name) => name !== 'fork' && name !== 'vfork'), action: 'SCMP_ACT_ERRNO', errnoRet: EPERM },
      // clone3's flags cannot be inspected; answering ENOSYS makes libc use clone, as in the run stage.
      { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS },
      ...NAMESPACE_CLONES,
    ],
  });
}

export function sandboxSeccompProfile(): string {
  return JSON.stringify({
    defaultAction: 'SCMP_ACT_ALLOW',
    architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32', 'SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM'],
    syscalls: [
      { names: REFUSED, action: 'SCMP_ACT_ERRNO', errnoRet: EPERM },
      { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOSYS },
      {
        names: ['clone'],
        action: 'SCMP_ACT_ERRNO',
        errnoRet: EPERM,
        // (flags & CLONE_THREAD) == 0: a new process rather than a thread.
        args: [{ index: 0, value: CLONE_THREAD, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }],
      },
      ...NAMESPACE_CLONES,
    ],
  });
}
