// SPDX-License-Identifier: GPL-2.0
/*
 * The two program kinds eCapture's tls/gotls objects carry, reduced to what the kernel checks at load time:
 * a uprobe (BPF_PROG_TYPE_KPROBE) that reads user and kernel memory, and a SEC("classifier") program
 * (BPF_PROG_TYPE_SCHED_CLS, used for pcapng capture but present in the object in every mode).
 * Non-CO-RE on purpose: eCapture's default object is non-CO-RE, so no BTF is needed to load it.
 */
#include <linux/bpf.h>
#include <linux/pkt_cls.h>
#include <asm/ptrace.h> /* struct pt_regs as user space sees it: the non-CO-RE layout */
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL"; /* bpf_probe_read_kernel is a GPL-only helper */

/* Like eCapture's SSL_write probe: copy the buffer argument from the traced process, then a word of kernel
 * memory (the helpers kernel lockdown and old kernels refuse); the values are discarded. */
SEC("uprobe/replay")
int replay_uprobe(struct pt_regs *ctx)
{
	char user_buf[16] = {};
	long kernel_word = 0;

	bpf_probe_read_user(user_buf, sizeof(user_buf), (void *)PT_REGS_PARM2(ctx));
	bpf_probe_read_kernel(&kernel_word, sizeof(kernel_word), (void *)ctx);
	return 0;
}

/* Like eCapture's egress/ingress classifiers, minus the capture: every packet passes untouched. */
SEC("classifier")
int replay_classifier(struct __sk_buff *skb)
{
	return TC_ACT_OK;
}
