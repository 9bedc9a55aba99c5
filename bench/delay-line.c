/*
 * A two-port Ethernet delay line for bench/netns-latency.sh, for kernels built without netem
 * (CONFIG_NET_SCH_NETEM): every frame that arrives on one interface leaves the other DELAY_US later, in order.
 * It runs inside a namespace of its own between two veth pairs, so the scanner and the fleet see one Ethernet
 * segment with that one-way delay each way. PACKET_VNET_HDR carries the kernel's checksum and segmentation
 * offload state across, as a virtio NIC would, so offloaded frames arrive intact.
 *
 *   delay-line IFACE_A IFACE_B DELAY_US [SECONDS]     (exits after SECONDS, default 3600, or on SIGTERM)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define SLOTS 65536            /* frames in flight per direction; more are dropped, as a full queue would */
#define FRAME (65536 + 64)     /* a GSO frame and its virtio header */

struct frame { uint64_t due; int len; unsigned char *data; };
struct queue { struct frame f[SLOTS]; unsigned head, tail; long dropped; };

static volatile sig_atomic_t stop;
static void on_signal(int s) { (void)s; stop = 1; }

static uint64_t now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

static int open_port(const char *name) {
  int fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
  if (fd < 0) { perror("socket"); exit(1); }
  int one = 1;
  if (setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof one) < 0) { perror("PACKET_VNET_HDR"); exit(1); }
  int buf = 8 << 20;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
  struct sockaddr_ll a = {0};
  a.sll_family = AF_PACKET;
  a.sll_protocol = htons(ETH_P_ALL);
  a.sll_ifindex = if_nametoindex(name);
  if (a.sll_ifindex == 0) { fprintf(stderr, "no interface %s\n", name); exit(1); }
  if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0) { perror("bind"); exit(1); }
  struct packet_mreq m = {0};
  m.mr_ifindex = a.sll_ifindex;
  m.mr_type = PACKET_MR_PROMISC; /* frames for the far side's MAC address too */
  setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &m, sizeof m);
  return fd;
}

/* Reads every waiting frame from fd into q, due delay from now; skips what we sent ourselves. */
static void receive(int fd, struct queue *q, uint64_t delay, unsigned char *buf) {
  for (;;) {
    struct sockaddr_ll from;
    socklen_t fl = sizeof from;
    ssize_t n = recvfrom(fd, buf, FRAME, MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
    if (n < 0) return;
    if (from.sll_pkttype == PACKET_OUTGOING) continue;
    if (q->tail - q->head >= SLOTS) { q->dropped++; continue; }
    struct frame *f = &q->f[q->tail % SLOTS];
    f->data = malloc(n);
    if (!f->data) { q->dropped++; continue; }
    memcpy(f->data, buf, n);
    f->len = (int)n;
    f->due = now_us() + delay;
    q->tail++;
  }
}

/* Sends the frames of q that are due on fd; returns microseconds until the next one, or -1 when empty. */
static long transmit(int fd, struct queue *q) {
  uint64_t t = now_us();
  while (q->head != q->tail) {
    struct frame *f = &q->f[q->head % SLOTS];
    if (f->due > t) return (long)(f->due - t);
    if (send(fd, f->data, f->len, 0) < 0 && errno == ENOBUFS) return 100; /* full: try again shortly */
    free(f->data);
    q->head++;
  }
  return -1;
}

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: %s IFACE_A IFACE_B DELAY_US [SECONDS]\n", argv[0]); return 2; }
  uint64_t delay = strtoull(argv[3], NULL, 10);
  uint64_t end = now_us() + (argc > 4 ? strtoull(argv[4], NULL, 10) : 3600) * 1000000;
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  int a = open_port(argv[1]), b = open_port(argv[2]);
  static struct queue ab, ba; /* a -> b and b -> a */
  unsigned char *buf = malloc(FRAME);
  printf("delay-line %s <-> %s, %llu us each way\n", argv[1], argv[2], (unsigned long long)delay);
  fflush(stdout);
  while (!stop && now_us() < end) {
    long w1 = transmit(b, &ab), w2 = transmit(a, &ba);
    long wait = w1 < 0 ? w2 : (w2 < 0 ? w1 : (w1 < w2 ? w1 : w2));
    struct pollfd p[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
    int ms = wait < 0 ? 200 : (int)((wait + 999) / 1000);
    if (poll(p, 2, ms) > 0) {
      if ((p[0].revents | p[1].revents) & (POLLERR | POLLHUP | POLLNVAL)) break; /* an interface went away */
      if (p[0].revents & POLLIN) receive(a, &ab, delay, buf);
      if (p[1].revents & POLLIN) receive(b, &ba, delay, buf);
    }
  }
  fprintf(stderr, "delay-line: dropped %ld a->b, %ld b->a\n", ab.dropped, ba.dropped);
  return 0;
}
