// SPDX-License-Identifier: GPL-2.0
/*
 * replay: runs eCapture's start-up steps one by one, with the parameters eCapture (v2.5.1), ebpfmanager
 * (v0.5.0) and cilium/ebpf (v0.18.0) use, and prints what the kernel answered at each step, so that a test
 * can compare those answers with capfleet's verdict for the same binary under the same conditions.
 *
 * Unlike eCapture it does not stop at the first refusal: every step runs (a step whose input a refused step
 * should have produced prints "skipped"), so one run gives the kernel's answer for each privilege.
 *
 * Output, one line a step, nothing else on standard output:
 *   STEP <name> <ok|ERRNO-NAME|skipped|denied> <detail without newlines>
 * and a first line "LAB <key=value>..." describing the process as the kernel sees it, and a last line "END".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/bpf.h>
#include <linux/perf_event.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "replay.skel.h"

#define CAP_SYS_ADMIN_BIT 21
#define CAP_BPF_BIT 39
/* eCapture's --mapsize default is 1024 pages per CPU; cilium/ebpf's perf reader maps that (rounded up to a
 * power of two pages) plus one metadata page for each CPU. */
#define DEFAULT_RING_PAGES 1024
#define UPROBE_PMU_TYPE "/sys/bus/event_source/devices/uprobe/type"

static const char *errname(int err)
{
	const char *name = strerrorname_np(err);
	return name ? name : "EUNKNOWN";
}

/* One output line; the detail is flattened so that the parser can rely on one line a step. */
static void step(const char *name, const char *result, const char *fmt, ...)
{
	char detail[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	for (char *p = detail; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	printf("STEP %s %s %s\n", name, result, detail);
	fflush(stdout);
}

static void step_errno(const char *name, int err, const char *what)
{
	step(name, errname(err), "%s: %s", what, strerror(err));
}

static long perf_event_open(struct perf_event_attr *attr, pid_t pid, int cpu)
{
	return syscall(SYS_perf_event_open, attr, pid, cpu, -1, PERF_FLAG_FD_CLOEXEC);
}

/* The value of "Key:" in /proc/self/status, or "" when absent. */
static void status_field(const char *key, char *out, size_t len)
{
	char line[256];
	size_t klen = strlen(key);
	FILE *f = fopen("/proc/self/status", "r");

	out[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, key, klen) == 0 && line[klen] == ':') {
			char *v = line + klen + 1;
			v += strspn(v, " \t");
			v[strcspn(v, "\n")] = '\0';
			snprintf(out, len, "%s", v);
			break;
		}
	}
	fclose(f);
}

static void describe_process(const char *module, const char *mode)
{
	char prm[64], eff[64], bnd[64], nnp[16], map[128] = "";
	struct rlimit lim;
	FILE *f;

	status_field("CapPrm", prm, sizeof(prm));
	status_field("CapEff", eff, sizeof(eff));
	status_field("CapBnd", bnd, sizeof(bnd));
	status_field("NoNewPrivs", nnp, sizeof(nnp));
	f = fopen("/proc/self/uid_map", "r");
	if (f) {
		if (fgets(map, sizeof(map), f))
			map[strcspn(map, "\n")] = '\0';
		fclose(f);
		/* "0 0 4294967295" -> "0:0:4294967295": keeps the LAB line space-separated key=value */
		for (char *p = map, *q = map; ; p++) {
			if (*p == ' ' || *p == '\t') {
				if (q != map && q[-1] != ':')
					*q++ = ':';
			} else if ((*q++ = *p) == '\0') {
				break;
			}
		}
	}
	getrlimit(RLIMIT_MEMLOCK, &lim);
	printf("LAB module=%s mode=%s uid=%d euid=%d CapPrm=%s CapEff=%s CapBnd=%s NoNewPrivs=%s uid_map=%s "
	       "memlock_soft=%lld memlock_hard=%lld\n", module, mode, (int)getuid(), (int)geteuid(), prm, eff, bnd,
	       nnp, map, lim.rlim_cur == RLIM_INFINITY ? -1LL : (long long)lim.rlim_cur,
	       lim.rlim_max == RLIM_INFINITY ? -1LL : (long long)lim.rlim_max);
}

/* Step 1, eCapture's own check (cli/cmd/env_detection.go): CapPrm, not CapEff, must hold CAP_BPF or
 * CAP_SYS_ADMIN. Not a syscall: "denied" is what eCapture would refuse to start with. */
static void step_gate(void)
{
	char prm[64];
	unsigned long long caps;

	status_field("CapPrm", prm, sizeof(prm));
	caps = strtoull(prm, NULL, 16);
	if (caps & ((1ULL << CAP_BPF_BIT) | (1ULL << CAP_SYS_ADMIN_BIT)))
		step("gate", "ok", "CapPrm=%s", prm);
	else
		step("gate", "denied", "CapPrm=%s has neither CAP_BPF nor CAP_SYS_ADMIN", prm);
}

/* Step 2, ebpfmanager's Manager.Init: RLIMIT_MEMLOCK to infinity before anything else; fatal there. */
static void step_memlock(void)
{
	struct rlimit inf = { RLIM_INFINITY, RLIM_INFINITY };

	if (setrlimit(RLIMIT_MEMLOCK, &inf) == 0)
		step("memlock", "ok", "RLIMIT_MEMLOCK raised to infinity");
	else
		step_errno("memlock", errno, "setrlimit(RLIMIT_MEMLOCK, infinity)");
}

/* Step 3: the map kinds eCapture's objects declare. The perf event array has one slot a possible CPU, as
 * cilium/ebpf sizes it when the object leaves max_entries at 0. */
static int step_map(const char *name, enum bpf_map_type type, __u32 key, __u32 value, __u32 entries)
{
	int fd = bpf_map_create(type, NULL, key, value, entries, NULL);

	if (fd < 0)
		step_errno(name, errno, "bpf(BPF_MAP_CREATE)");
	else
		step(name, "ok", "fd %d", fd);
	return fd;
}

/* Steps 4 and 5: one program of the object, loaded on its own so each program type gets its own answer. */
static int step_prog(const char *name, struct bpf_object *obj, const char *prog_name, enum bpf_prog_type type)
{
	static char log[4096];
	struct bpf_program *prog = bpf_object__find_program_by_name(obj, prog_name);
	struct utsname u;
	unsigned a = 0, b = 0, c = 0;
	int fd;

	if (!prog) {
		step(name, "EINVAL", "program %s missing from the object", prog_name);
		return -1;
	}
	/* cilium/ebpf passes the running kernel's version for kprobe programs (older kernels check it) */
	uname(&u);
	sscanf(u.release, "%u.%u.%u", &a, &b, &c);
	LIBBPF_OPTS(bpf_prog_load_opts, opts, .kern_version = (a << 16) | (b << 8) | (c > 255 ? 255 : c));
	fd = bpf_prog_load(type, prog_name, "GPL", bpf_program__insns(prog), bpf_program__insn_cnt(prog), &opts);
	if (fd >= 0) {
		step(name, "ok", "fd %d", fd);
		return fd;
	}
	int err = errno;
	if (err != EPERM && err != EACCES) {
		/* a verifier refusal (lockdown, missing helper): its last log line says which */
		LIBBPF_OPTS(bpf_prog_load_opts, logged, .kern_version = opts.kern_version, .log_buf = log,
			    .log_size = sizeof(log), .log_level = 1);
		log[0] = '\0';
		int again = bpf_prog_load(type, prog_name, "GPL", bpf_program__insns(prog), bpf_program__insn_cnt(prog),
					  &logged);
		if (again >= 0)
			close(again);
		size_t n = strlen(log);
		while (n > 0 && log[n - 1] == '\n')
			log[--n] = '\0';
		char *last = strrchr(log, '\n');
		step(name, errname(err), "bpf(BPF_PROG_LOAD): %s; verifier: %s", strerror(err), last ? last + 1 : log);
		return -1;
	}
	step_errno(name, err, "bpf(BPF_PROG_LOAD)");
	return -1;
}

/* The file offset of a libc function, which is what a uprobe is placed at: its address minus the start of
 * the executable mapping holding it, plus that mapping's file offset (/proc/self/maps). */
static int libc_offset(void *fn, char *path, size_t len, unsigned long *offset)
{
	char line[512];
	unsigned long addr = (unsigned long)fn;
	FILE *f = fopen("/proc/self/maps", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		unsigned long start, end, off;
		char perms[8], file[400] = "";
		if (sscanf(line, "%lx-%lx %7s %lx %*s %*s %399s", &start, &end, perms, &off, file) >= 4 &&
		    addr >= start && addr < end && file[0] == '/') {
			snprintf(path, len, "%s", file);
			*offset = addr - start + off;
			fclose(f);
			return 0;
		}
	}
	fclose(f);
	return -1;
}

/* Step 6: a uprobe through the perf uprobe PMU, as cilium/ebpf's link.Uprobe does (pid -1: every process,
 * cpu 0), then the program attached to it (BPF link, or the older ioctl). */
static void step_uprobe(int prog_fd)
{
	char path[400], type_text[32] = "";
	unsigned long offset;
	FILE *f = fopen(UPROBE_PMU_TYPE, "r");

	if (!f) {
		step_errno("uprobe_pmu", errno, "open " UPROBE_PMU_TYPE);
		step("uprobe_attach", "skipped", "no uprobe perf event");
		return;
	}
	if (!fgets(type_text, sizeof(type_text), f))
		type_text[0] = '\0';
	fclose(f);
	if (libc_offset((void *)getpid, path, sizeof(path), &offset) != 0) {
		step("uprobe_pmu", "ENOENT", "libc mapping of getpid not found in /proc/self/maps");
		step("uprobe_attach", "skipped", "no uprobe perf event");
		return;
	}
	struct perf_event_attr attr = {
		.type = (__u32)strtoul(type_text, NULL, 10),
		.size = sizeof(attr),
		.sample_period = 1,
		.sample_type = PERF_SAMPLE_RAW,
		.wakeup_events = 1,
		.config1 = (__u64)(unsigned long)path, /* uprobe_path */
		.config2 = offset,                     /* probe_offset */
	};
	int pfd = (int)perf_event_open(&attr, -1, 0);
	if (pfd < 0) {
		step_errno("uprobe_pmu", errno, "perf_event_open(uprobe PMU)");
		step("uprobe_attach", "skipped", "no uprobe perf event");
		return;
	}
	step("uprobe_pmu", "ok", "uprobe on getpid at %s+0x%lx", path, offset);
	if (prog_fd < 0) {
		step("uprobe_attach", "skipped", "no uprobe program loaded");
	} else {
		int link = bpf_link_create(prog_fd, pfd, BPF_PERF_EVENT, NULL);
		if (link >= 0) {
			step("uprobe_attach", "ok", "bpf link %d", link);
			close(link);
		} else if (ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog_fd) == 0 && ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0) == 0) {
			step("uprobe_attach", "ok", "PERF_EVENT_IOC_SET_BPF");
		} else {
			step_errno("uprobe_attach", errno, "attach program to the uprobe");
		}
	}
	close(pfd);
}

/* Step 7: cilium/ebpf's perf reader: a BPF-output software event on every CPU, each ring mmap'ed read-write
 * (1 metadata page + the data pages) and stored in the perf event array. */
static void step_perf_buffer(int perf_map_fd, long pages)
{
	long page = sysconf(_SC_PAGESIZE);
	long cpus = sysconf(_SC_NPROCESSORS_CONF);
	size_t size = (size_t)page * (size_t)(pages + 1);
	int opened = 0, mapped = 0, open_err = 0, mmap_err = 0, store_err = 0;

	for (int cpu = 0; cpu < cpus; cpu++) {
		struct perf_event_attr attr = {
			.type = PERF_TYPE_SOFTWARE,
			.size = sizeof(attr),
			.config = PERF_COUNT_SW_BPF_OUTPUT,
			.sample_type = PERF_SAMPLE_RAW,
			.wakeup_events = 1,
		};
		int fd = (int)perf_event_open(&attr, -1, cpu);
		if (fd < 0) {
			if (errno == ENODEV) /* an offline CPU: cilium/ebpf skips it */
				continue;
			open_err = open_err ? open_err : errno;
			continue;
		}
		opened++;
		void *ring = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		if (ring == MAP_FAILED) {
			mmap_err = mmap_err ? mmap_err : errno;
		} else {
			mapped++;
			if (perf_map_fd >= 0 && bpf_map_update_elem(perf_map_fd, &cpu, &fd, BPF_ANY) != 0)
				store_err = store_err ? store_err : errno;
			/* kept mapped until exit: eCapture holds every ring at once, and so must the memlock charge */
		}
	}
	if (open_err)
		step_errno("perf_open", open_err, "perf_event_open(PERF_COUNT_SW_BPF_OUTPUT, pid -1)");
	else
		step("perf_open", "ok", "%d CPUs", opened);
	if (opened == 0)
		step("perf_mmap", "skipped", "no perf event to map");
	else if (mmap_err)
		step("perf_mmap", errname(mmap_err), "mmap of %zu bytes a CPU (%d of %d mapped): %s", size, mapped, opened,
		     strerror(mmap_err));
	else if (store_err)
		step_errno("perf_mmap", store_err, "bpf(BPF_MAP_UPDATE_ELEM) of a ring into the perf event array");
	else
		step("perf_mmap", "ok", "%d rings of %zu bytes", mapped, size);
}

/* Step 8 (pcapng only): a clsact qdisc on lo and a direct-action filter with the classifier, over rtnetlink
 * as ebpfmanager does; both removed again. */
static void step_tc(int cls_fd)
{
	int ifindex = (int)if_nametoindex("lo");
	LIBBPF_OPTS(bpf_tc_hook, hook, .ifindex = ifindex, .attach_point = BPF_TC_INGRESS | BPF_TC_EGRESS);
	LIBBPF_OPTS(bpf_tc_hook, egress, .ifindex = ifindex, .attach_point = BPF_TC_EGRESS);
	LIBBPF_OPTS(bpf_tc_opts, filter, .prog_fd = cls_fd, .handle = 0xcaf, .priority = 1);
	int created = 0;

	int err = bpf_tc_hook_create(&hook);
	if (err == 0) {
		created = 1;
		step("tc_qdisc", "ok", "clsact on lo (ifindex %d)", ifindex);
	} else if (err == -EEXIST) {
		step("tc_qdisc", "ok", "clsact already on lo; left in place");
	} else {
		step_errno("tc_qdisc", -err, "RTM_NEWQDISC clsact on lo");
	}
	if (err != 0 && err != -EEXIST) {
		step("tc_filter", "skipped", "no clsact qdisc");
		return;
	}
	if (cls_fd < 0) {
		step("tc_filter", "skipped", "no classifier program loaded");
	} else {
		err = bpf_tc_attach(&egress, &filter);
		if (err == 0) {
			step("tc_filter", "ok", "egress filter handle 0x%x", filter.handle);
			filter.prog_fd = 0;
			filter.prog_id = 0;
			filter.flags = 0;
			bpf_tc_detach(&egress, &filter);
		} else {
			step_errno("tc_filter", -err, "RTM_NEWTFILTER bpf da on lo egress");
		}
	}
	if (created)
		bpf_tc_hook_destroy(&hook);
}

/* Modules whose objects carry SEC("classifier") programs (user/module/probe_openssl*.go, probe_gotls*.go). */
static int module_has_classifier(const char *module)
{
	return strcmp(module, "tls") == 0 || strcmp(module, "gotls") == 0;
}

static int known_module(const char *m)
{
	static const char *known[] = { "tls", "gotls", "gnutls", "nss", "bash", "zsh", "mysqld", "postgres" };
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(m, known[i]) == 0)
			return 1;
	return 0;
}

static int usage(const char *why)
{
	fprintf(stderr, "replay: %s\nusage: replay [--module tls|gotls|gnutls|nss|bash|zsh|mysqld|postgres] "
			"[--mode text|keylog|pcapng] [--ring-pages N]\n", why);
	return 2;
}

static int quiet_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level;
	(void)fmt;
	(void)ap;
	return 0; /* the step lines carry the errors; libbpf's own messages would only interleave with them */
}

int main(int argc, char **argv)
{
	const char *module = "tls", *mode = "text";
	long pages = DEFAULT_RING_PAGES;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--module") == 0 && i + 1 < argc)
			module = argv[++i];
		else if (strcmp(argv[i], "--mode") == 0 && i + 1 < argc)
			mode = argv[++i];
		else if (strcmp(argv[i], "--ring-pages") == 0 && i + 1 < argc)
			pages = strtol(argv[++i], NULL, 10);
		else
			return usage("unknown argument");
	}
	if (!known_module(module))
		return usage("unknown module");
	if (strcmp(mode, "text") != 0 && strcmp(mode, "keylog") != 0 && strcmp(mode, "pcapng") != 0)
		return usage("unknown mode");
	if (pages < 1 || (pages & (pages - 1)) != 0)
		return usage("--ring-pages must be a power of two");
	libbpf_set_print(quiet_libbpf);

	describe_process(module, mode);
	step_gate();
	step_memlock();

	step_map("map_hash", BPF_MAP_TYPE_HASH, 8, 8, 1024);
	step_map("map_array", BPF_MAP_TYPE_ARRAY, 4, 8, 1);
	int perf = step_map("map_perf_event_array", BPF_MAP_TYPE_PERF_EVENT_ARRAY, 4, 4,
			    (__u32)libbpf_num_possible_cpus());

	size_t sz;
	const void *bytes = replay__elf_bytes(&sz);
	struct bpf_object *obj = bpf_object__open_mem(bytes, sz, NULL);
	if (!obj) {
		fprintf(stderr, "replay: cannot open the embedded BPF object: %s\n", strerror(errno));
		return 1;
	}
	int kprobe = step_prog("prog_kprobe", obj, "replay_uprobe", BPF_PROG_TYPE_KPROBE);
	int cls = -1;
	if (module_has_classifier(module))
		cls = step_prog("prog_sched_cls", obj, "replay_classifier", BPF_PROG_TYPE_SCHED_CLS);
	else
		step("prog_sched_cls", "skipped", "the %s object has no classifier programs", module);

	step_uprobe(kprobe);
	step_perf_buffer(perf, pages);
	if (strcmp(mode, "pcapng") == 0)
		step_tc(cls);
	else {
		step("tc_qdisc", "skipped", "only pcapng mode creates a qdisc");
		step("tc_filter", "skipped", "only pcapng mode attaches a filter");
	}

	bpf_object__close(obj);
	printf("END\n");
	return 0;
}
