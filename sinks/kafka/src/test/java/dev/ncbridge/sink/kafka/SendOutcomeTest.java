package dev.ncbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownServerException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

class SendOutcomeTest {
    @Test
    void theSinkDeclaresEveryReasonSoItsCountersStartAtZero() {
        // The same lists as docs/metrics.md gives.
        assertThat(SendOutcome.reasons(true)).containsExactlyInAnyOrder("timeout", "retriable", "send_failed");
        assertThat(SendOutcome.reasons(false)).containsExactlyInAnyOrder("too_large", "not_authorized", "authentication",
                "invalid_topic", "other");
    }

    @Test
    void timeoutsAreRetried() {
        assertThat(SendOutcome.of(new TimeoutException("Expiring 12 record(s) for nc-0: 30000 ms has passed")))
                .isEqualTo(SendOutcome.TIMEOUT);
        assertThat(SendOutcome.TIMEOUT.retry()).isTrue();
        assertThat(SendOutcome.TIMEOUT.reason()).isEqualTo("timeout");
    }

    @Test
    void otherRetriableErrorsAreRetried() {
        assertThat(SendOutcome.of(new NotEnoughReplicasException("isr"))).isEqualTo(SendOutcome.RETRIABLE);
        assertThat(SendOutcome.of(new NotLeaderOrFollowerException("moved"))).isEqualTo(SendOutcome.RETRIABLE);
        assertThat(SendOutcome.of(new NetworkException("reset"))).isEqualTo(SendOutcome.RETRIABLE);
        assertThat(SendOutcome.of(new UnknownTopicOrPartitionException("gone"))).isEqualTo(SendOutcome.RETRIABLE);
        assertThat(SendOutcome.RETRIABLE.retry()).isTrue();
    }

    @Test
    void recordsTooLargeAreRejected() {
        assertThat(SendOutcome.of(new RecordTooLargeException("big"))).isEqualTo(SendOutcome.TOO_LARGE);
        assertThat(SendOutcome.of(new RecordBatchTooLargeException("big"))).isEqualTo(SendOutcome.TOO_LARGE);
        assertThat(SendOutcome.TOO_LARGE.retry()).isFalse();
        assertThat(SendOutcome.TOO_LARGE.reason()).isEqualTo("too_large");
    }

    @Test
    void authorizationAndAuthenticationAreRejectedWithTheirOwnReasons() {
        assertThat(SendOutcome.of(new TopicAuthorizationException("nc"))).isEqualTo(SendOutcome.NOT_AUTHORIZED);
        assertThat(SendOutcome.of(new ClusterAuthorizationException("no"))).isEqualTo(SendOutcome.NOT_AUTHORIZED);
        assertThat(SendOutcome.of(new SaslAuthenticationException("bad password"))).isEqualTo(SendOutcome.AUTHENTICATION);
        assertThat(SendOutcome.of(new SslAuthenticationException("bad cert"))).isEqualTo(SendOutcome.AUTHENTICATION);
        assertThat(SendOutcome.NOT_AUTHORIZED.reason()).isEqualTo("not_authorized");
        assertThat(SendOutcome.AUTHENTICATION.reason()).isEqualTo("authentication");
        assertThat(SendOutcome.NOT_AUTHORIZED.retry()).isFalse();
        assertThat(SendOutcome.AUTHENTICATION.retry()).isFalse();
    }

    @Test
    void anInvalidTopicIsRejected() {
        assertThat(SendOutcome.of(new InvalidTopicException("bad name"))).isEqualTo(SendOutcome.INVALID_TOPIC);
    }

    @Test
    void anythingElseIsRejectedAsOtherAndFlaggedForTheLog() {
        assertThat(SendOutcome.of(new UnknownServerException("boom"))).isEqualTo(SendOutcome.OTHER);
        assertThat(SendOutcome.of(new KafkaException("fatal"))).isEqualTo(SendOutcome.OTHER);
        assertThat(SendOutcome.of(new IllegalStateException("?"))).isEqualTo(SendOutcome.OTHER);
        assertThat(SendOutcome.OTHER.retry()).isFalse();
        assertThat(SendOutcome.OTHER.expected()).isFalse();
        assertThat(SendOutcome.TOO_LARGE.expected()).isTrue();
    }
}
