package dev.ncbridge.sink.kafka;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * What to do with a record whose send failed: hand it back to the runner to retry, or reject it
 * for good (to the dead-letter sink, counted by reason). Reasons are metric tags from this fixed set.
 *
 * @param retry true to retry, false to reject
 * @param reason the metric tag
 * @param expected false for errors nobody planned for, which the sink logs with their message
 */
record SendOutcome(boolean retry, String reason, boolean expected) {
    /** The cluster did not answer in time (delivery timeout, metadata wait, request timeout). */
    static final SendOutcome TIMEOUT = new SendOutcome(true, "timeout", true);
    /** Kafka says trying again may work (leader moving, not enough replicas, network). */
    static final SendOutcome RETRIABLE = new SendOutcome(true, "retriable", true);
    /** The record is larger than the producer's max.request.size or the topic's max.message.bytes. */
    static final SendOutcome TOO_LARGE = new SendOutcome(false, "too_large", true);
    /** The credentials are not allowed to write the topic. */
    static final SendOutcome NOT_AUTHORIZED = new SendOutcome(false, "not_authorized", true);
    /** The producer could not log in (SASL or TLS). */
    static final SendOutcome AUTHENTICATION = new SendOutcome(false, "authentication", true);
    /** The topic's name is not legal for the cluster. */
    static final SendOutcome INVALID_TOPIC = new SendOutcome(false, "invalid_topic", true);
    /** {@code send()} itself threw: the producer is closing or the thread was interrupted. */
    static final SendOutcome SEND_FAILED = new SendOutcome(true, "send_failed", false);
    /** Anything else Kafka refused. */
    static final SendOutcome OTHER = new SendOutcome(false, "other", false);
    private static final List<SendOutcome> ALL = List.of(TIMEOUT, RETRIABLE, TOO_LARGE, NOT_AUTHORIZED, AUTHENTICATION,
            INVALID_TOPIC, SEND_FAILED, OTHER);

    /** The reasons of every outcome that retries ({@code retry} true) or rejects. */
    static Set<String> reasons(boolean retry) {
        return ALL.stream().filter(o -> o.retry == retry).map(SendOutcome::reason).collect(Collectors.toUnmodifiableSet());
    }

    /** The outcome for an exception a send's callback (or future) reported. */
    static SendOutcome of(Throwable error) {
        if (error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException) {
            return TOO_LARGE;
        }
        if (error instanceof TimeoutException) {
            return TIMEOUT;
        }
        if (error instanceof RetriableException) {
            return RETRIABLE;
        }
        if (error instanceof AuthorizationException) {
            return NOT_AUTHORIZED;
        }
        if (error instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (error instanceof InvalidTopicException) {
            return INVALID_TOPIC;
        }
        return OTHER;
    }
}
