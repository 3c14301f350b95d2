/*
 * nc-sender: the side-by-side harness's load generator.
 *
 * Sends extended-format netconsole messages ("<level>,<seq>,<usec>,-;<text>\n")
 * as whole IPv6+UDP packets on a raw socket, from SOURCES spoofed addresses
 * 2001:db8::<index> (the documentation prefix), each source with its own
 * rising sequence number, in sendmmsg(2) batches, paced to RATE messages per
 * second or as fast as one core can go. Java cannot write raw IPv6 packets, and
 * one datagram per system call from one socket per host (ncbridge blast) tops
 * out near 120k msg/s here, so the harness measures with this instead.
 *
 * Spoofed sources must never reach a real network: the sender refuses to run
 * where any network interface but lo exists and only sends to the loopback address ::1.
 * The harness runs it inside `unshare -n`.
 *
 *   nc-sender [-p PORT] [-s SOURCES] [-r RATE] [-t SECONDS] [-w SECONDS] [-n COUNT]
 *             [-b BATCH] [-l LENGTH] [-c]
 *
 * -w (warm-up): send as asked for that long first, print "warm sent=N errors=N"
 * and flush, wait for a line on standard input, then send for -t seconds, every
 * source's sequence continuing; the final line counts only those. A receiver
 * with a JIT (ncbridge) compiles its hot path in the first seconds of traffic,
 * so a measurement of the steady state starts after it; the harness reads the
 * receiver's counters once it has processed all that the warm-up sent, however
 * long that takes, and then writes the line. Standard input ending first stops
 * the sender (exit 1): the harness is gone.
 *
 * -c (check): also receive on [::1]:PORT, draining the socket after every
 * batch, and verify that every message arrived once, from its source, in
 * order; exits 1 when one did not. The sender's self-test.
 *
 * Prints one line: sent=N errors=N elapsed_s=S rate_pps=R
 * (with -c also: received=N bad=N missing=N).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip6.h>
#include <netinet/udp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_BATCH 512
#define MIN_LENGTH 40
#define MAX_LENGTH 1200
#define MAX_SOURCES (1u << 24)
#define HEADERS (sizeof(struct ip6_hdr) + sizeof(struct udphdr))
#define NS_PER_S 1000000000ull

struct options {
	int port;
	uint32_t sources;
	double rate;
	double seconds;
	double warmup;
	uint64_t count;
	int batch;
	int length;
	int check;
};

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static uint64_t monotonic_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

static void sleep_until(uint64_t ns)
{
	struct timespec ts = { .tv_sec = ns / NS_PER_S, .tv_nsec = ns % NS_PER_S };
	while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR && !stopping)
		;
}

/* Between warm-up and measurement (-w): true once the harness writes a line, false at the end of its input. */
static int wait_for_go(void)
{
	char line[64];
	return fgets(line, sizeof(line), stdin) != NULL;
}

static int usage(const char *why)
{
	fprintf(stderr, "nc-sender: %s\n"
		"usage: nc-sender [-p PORT] [-s SOURCES] [-r RATE] [-t SECONDS] [-w SECONDS] [-n COUNT]\n"
		"                 [-b BATCH] [-l LENGTH] [-c]\n", why);
	return 2;
}

/*
 * Spoofed sources stay in a private network namespace: one with no interface
 * but loopback, as `unshare -n` makes it.
 */
static int only_loopback(void)
{
	struct if_nameindex *all = if_nameindex(), *i;
	int ok = all != NULL;
	for (i = all; ok && i->if_index != 0; i++)
		ok = strcmp(i->if_name, "lo") == 0;
	if_freenameindex(all);
	return ok;
}

static void source_address(struct in6_addr *a, uint32_t index)
{
	memset(a, 0, sizeof(*a));
	a->s6_addr[0] = 0x20;
	a->s6_addr[1] = 0x01;
	a->s6_addr[2] = 0x0d;
	a->s6_addr[3] = 0xb8;
	a->s6_addr[12] = index >> 24;
	a->s6_addr[13] = index >> 16;
	a->s6_addr[14] = index >> 8;
	a->s6_addr[15] = index;
}

/* Ones' complement sum of 16-bit big-endian words (RFC 1071). */
static uint32_t sum16(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;
	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static uint16_t udp6_checksum(const struct ip6_hdr *ip, const uint8_t *udp, size_t udp_len)
{
	uint8_t pseudo[8] = { 0, 0, udp_len >> 8, udp_len & 0xff, 0, 0, 0, IPPROTO_UDP };
	uint32_t sum = sum16(0, (const uint8_t *)&ip->ip6_src, 32);
	sum = sum16(sum, pseudo, sizeof(pseudo));
	sum = sum16(sum, udp, udp_len);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	sum = ~sum & 0xffff;
	return sum ? sum : 0xffff; /* 0 means "no checksum", which IPv6 forbids */
}

/* An extended message of exactly `length` bytes: header, filler text, '\n'. */
static void write_message(char *out, int length, uint64_t seq)
{
	static const char filler[] = "the quick brown fox jumps over the lazy dog ";
	int n = snprintf(out, length, "6,%" PRIu64 ",%" PRIu64 ",-;", seq, seq * 1000);
	int i;
	if (n > length - 1)
		n = length - 1;
	for (i = n; i < length - 1; i++)
		out[i] = filler[(i - n) % (sizeof(filler) - 1)];
	out[length - 1] = '\n';
}

static void write_packet(uint8_t *packet, int length, uint32_t source, uint64_t seq, int port)
{
	struct ip6_hdr *ip = (struct ip6_hdr *)packet;
	struct udphdr *udp = (struct udphdr *)(ip + 1);
	size_t udp_len = sizeof(*udp) + length;

	memset(ip, 0, HEADERS);
	ip->ip6_vfc = 6 << 4;
	ip->ip6_plen = htons(udp_len);
	ip->ip6_nxt = IPPROTO_UDP;
	ip->ip6_hlim = 64;
	source_address(&ip->ip6_src, source);
	ip->ip6_dst = in6addr_loopback;
	udp->uh_sport = htons(6666);
	udp->uh_dport = htons(port);
	udp->uh_ulen = htons(udp_len);
	write_message((char *)(udp + 1), length, seq);
	udp->uh_sum = htons(udp6_checksum(ip, (uint8_t *)udp, udp_len));
}

/* The check's receiving side: what arrived, against what each source sent. */
struct checker {
	int fd;
	uint64_t *expected; /* next seq per source */
	uint64_t received, bad;
	char buf[MAX_BATCH][MAX_LENGTH + 1];
	struct iovec iov[MAX_BATCH];
	struct sockaddr_in6 from[MAX_BATCH];
	struct mmsghdr msgs[MAX_BATCH];
};

static int checker_open(struct checker *c, const struct options *o)
{
	struct sockaddr_in6 local = { .sin6_family = AF_INET6, .sin6_port = htons(o->port),
				      .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	int i;
	c->expected = calloc(o->sources, sizeof(*c->expected));
	c->fd = socket(AF_INET6, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (!c->expected || c->fd < 0 || bind(c->fd, (struct sockaddr *)&local, sizeof(local)) != 0)
		return -1;
	for (i = 0; i < MAX_BATCH; i++) {
		c->iov[i].iov_base = c->buf[i];
		c->iov[i].iov_len = MAX_LENGTH;
		c->msgs[i].msg_hdr.msg_iov = &c->iov[i];
		c->msgs[i].msg_hdr.msg_iovlen = 1;
		c->msgs[i].msg_hdr.msg_name = &c->from[i];
	}
	return 0;
}

static int checker_accepts(struct checker *c, const struct options *o, int i)
{
	const uint8_t *a = c->from[i].sin6_addr.s6_addr;
	uint32_t source = (uint32_t)a[12] << 24 | a[13] << 16 | a[14] << 8 | a[15];
	uint64_t seq;
	struct in6_addr want;

	source_address(&want, source);
	if (source >= o->sources || memcmp(a, &want, sizeof(want)) != 0)
		return 0;
	if ((int)c->msgs[i].msg_len != o->length || c->buf[i][o->length - 1] != '\n')
		return 0;
	c->buf[i][o->length] = '\0';
	if (sscanf(c->buf[i], "6,%" SCNu64 ",", &seq) != 1 || seq != c->expected[source])
		return 0;
	c->expected[source]++;
	return 1;
}

/* Reads what is queued; waits up to wait_ms for the first datagram. */
static void checker_drain(struct checker *c, const struct options *o, int wait_ms)
{
	struct pollfd p = { .fd = c->fd, .events = POLLIN };
	int n, i;
	while (poll(&p, 1, wait_ms) > 0) {
		for (i = 0; i < MAX_BATCH; i++)
			c->msgs[i].msg_hdr.msg_namelen = sizeof(c->from[i]);
		n = recvmmsg(c->fd, c->msgs, MAX_BATCH, 0, NULL);
		if (n <= 0)
			break;
		for (i = 0; i < n; i++) {
			if (checker_accepts(c, o, i))
				c->received++;
			else
				c->bad++;
		}
	}
}

static int parse_options(int argc, char **argv, struct options *o)
{
	int opt;
	*o = (struct options){ .port = 6666, .sources = 1024, .seconds = 10, .batch = 64, .length = 64 };
	while ((opt = getopt(argc, argv, "p:s:r:t:w:n:b:l:ch")) != -1) {
		switch (opt) {
		case 'p': o->port = atoi(optarg); break;
		case 's': o->sources = strtoul(optarg, NULL, 10); break;
		case 'r': o->rate = atof(optarg); break;
		case 't': o->seconds = atof(optarg); break;
		case 'w': o->warmup = atof(optarg); break;
		case 'n': o->count = strtoull(optarg, NULL, 10); break;
		case 'b': o->batch = atoi(optarg); break;
		case 'l': o->length = atoi(optarg); break;
		case 'c': o->check = 1; break;
		default: return usage("unknown option");
		}
	}
	if (optind != argc)
		return usage("unexpected argument");
	if (o->port < 1 || o->port > 65535)
		return usage("-p must be a port, 1-65535");
	if (o->sources < 1 || o->sources > MAX_SOURCES)
		return usage("-s must be 1-16777216 sources");
	if (o->batch < 1 || o->batch > MAX_BATCH)
		return usage("-b must be 1-512");
	if (o->length < MIN_LENGTH || o->length > MAX_LENGTH)
		return usage("-l must be 40-1200 bytes");
	if (o->rate < 0 || o->seconds < 0 || o->warmup < 0)
		return usage("-r, -t and -w must not be negative");
	if (o->warmup > 0 && (o->count || o->seconds == 0))
		return usage("-w needs -t SECONDS and no -n COUNT");
	if (o->check && o->count == 0)
		return usage("-c needs -n COUNT");
	return 0;
}

int main(int argc, char **argv)
{
	static uint8_t packets[MAX_BATCH][HEADERS + MAX_LENGTH];
	static struct iovec iov[MAX_BATCH];
	static struct mmsghdr msgs[MAX_BATCH];
	static struct checker checker;
	struct sockaddr_in6 to = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	struct options o;
	uint64_t *seqs, sent = 0, errors = 0, start, end, now, warm_end;
	uint32_t source = 0;
	int fd, i, rc = parse_options(argc, argv, &o);

	if (rc)
		return rc;
	if (!only_loopback()) {
		fprintf(stderr, "nc-sender: refusing to spoof sources where a network interface other "
			"than lo exists; run it in a private network namespace (unshare -n)\n");
		return 2;
	}
	seqs = calloc(o.sources, sizeof(*seqs));
	fd = socket(AF_INET6, SOCK_RAW, IPPROTO_RAW);
	if (!seqs || fd < 0) {
		perror("nc-sender: raw socket (needs root or CAP_NET_RAW)");
		return 1;
	}
	if (o.check && checker_open(&checker, &o) != 0) {
		perror("nc-sender: check socket");
		return 1;
	}
	for (i = 0; i < o.batch; i++) {
		iov[i].iov_base = packets[i];
		iov[i].iov_len = HEADERS + o.length;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_name = &to;
		msgs[i].msg_hdr.msg_namelen = sizeof(to);
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);

	start = monotonic_ns();
	warm_end = o.warmup > 0 ? start + (uint64_t)(o.warmup * NS_PER_S) : 0;
	/* With a warm-up, the end is set when the measured part starts. */
	end = o.seconds > 0 && !warm_end ? start + (uint64_t)(o.seconds * NS_PER_S) : UINT64_MAX;
	while (!stopping && (now = monotonic_ns()) < end) {
		uint64_t done;
		if (warm_end && now >= warm_end) {
			/* The measured part starts here: counts and pacing begin again, sequences go on. */
			printf("warm sent=%" PRIu64 " errors=%" PRIu64 "\n", sent, errors);
			fflush(stdout);
			if (!wait_for_go()) {
				fprintf(stderr, "nc-sender: standard input ended before the measured part\n");
				return 1;
			}
			sent = errors = 0;
			start = monotonic_ns();
			end = start + (uint64_t)(o.seconds * NS_PER_S);
			warm_end = 0;
			continue;
		}
		done = sent + errors;
		uint64_t n = o.batch;
		int r;

		if (o.count && done >= o.count)
			break;
		if (o.count && o.count - done < n)
			n = o.count - done;
		if (o.rate > 0) {
			/* Sends only what is due by now, so a burst is never more than a batch. */
			uint64_t due = (uint64_t)((double)(now - start) * o.rate / NS_PER_S) + 1;
			if (due <= done) {
				sleep_until(start + (uint64_t)((double)(done + 1) * NS_PER_S / o.rate));
				continue;
			}
			if (due - done < n)
				n = due - done;
		}
		for (i = 0; i < (int)n; i++) {
			write_packet(packets[i], o.length, source, seqs[source]++, o.port);
			source = source + 1 == o.sources ? 0 : source + 1;
		}
		r = sendmmsg(fd, msgs, n, 0);
		if (r < 0) {
			if (errno != EINTR && errno != ENOBUFS && errno != EAGAIN) {
				perror("nc-sender: sendmmsg");
				return 1;
			}
			r = 0;
		}
		sent += r;
		errors += n - r;
		if (o.check)
			checker_drain(&checker, &o, 0);
	}
	now = monotonic_ns();
	printf("sent=%" PRIu64 " errors=%" PRIu64 " elapsed_s=%.3f rate_pps=%.0f",
	       sent, errors, (now - start) / 1e9, sent / ((now - start) / 1e9));
	if (!o.check) {
		printf("\n");
		return 0;
	}
	checker_drain(&checker, &o, 1000);
	printf(" received=%" PRIu64 " bad=%" PRIu64 " missing=%" PRIu64 "\n", checker.received,
	       checker.bad, sent - checker.received);
	return checker.received == sent && checker.bad == 0 && errors == 0 ? 0 : 1;
}
