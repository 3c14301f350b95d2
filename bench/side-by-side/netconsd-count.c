/*
 * netconsd-count.so: a netconsd output module that only counts.
 *
 * netconsd (github facebook/netconsd) calls netconsd_output_handler() from its
 * worker threads for every message it has parsed; this module adds one to the
 * calling worker's counter and does nothing else, so the side-by-side harness
 * measures netconsd's receiving and parsing, as it measures ncbridge with a
 * blackhole sink. netconsd passes a parsed message (msg) or, for a datagram
 * its parser rejected, the raw buffer alone; both are counted, apart. At exit
 * (netconsd's SIGTERM) it prints the totals:
 *
 *   netconsd-count: messages=N unparsed=N
 *
 * Built by bench/side-by-side/run against the checkout's headers.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <msgbuf-struct.h>
#include <ncrx-struct.h>

/* One counter per worker, each on its own cache line: no sharing, no atomics. */
struct counter {
	uint64_t messages;
	uint64_t unparsed;
	char pad[64 - 2 * sizeof(uint64_t)];
};

static struct counter *counters;
static int workers;

int netconsd_output_init(int nr_workers)
{
	workers = nr_workers;
	counters = calloc(nr_workers, sizeof(*counters));
	return counters ? 0 : -1;
}

void netconsd_output_handler(int t, struct in6_addr *src, struct msg_buf *buf, struct ncrx_msg *msg)
{
	(void)src;
	(void)buf;
	if (msg)
		counters[t].messages++;
	else
		counters[t].unparsed++;
}

void netconsd_output_exit(void)
{
	uint64_t messages = 0, unparsed = 0;
	int i;
	for (i = 0; i < workers; i++) {
		messages += counters[i].messages;
		unparsed += counters[i].unparsed;
	}
	printf("netconsd-count: messages=%" PRIu64 " unparsed=%" PRIu64 "\n", messages, unparsed);
	fflush(stdout);
	free(counters);
}
