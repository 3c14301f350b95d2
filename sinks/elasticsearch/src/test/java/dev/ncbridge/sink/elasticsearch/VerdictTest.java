package dev.ncbridge.sink.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class VerdictTest {
    @Test
    void theSinkDeclaresEveryReasonSoItsCountersStartAtZero() {
        // The same lists as docs/metrics.md gives.
        assertThat(Verdict.reasons(true)).containsExactlyInAnyOrder("throttled", "server_error", "unreachable", "error");
        assertThat(Verdict.reasons(false)).containsExactlyInAnyOrder("mapping", "parse", "rejected");
    }

    @Test
    void busyOrFailingServersAreRetried() {
        assertThat(Verdict.ofItem(429, error("es_rejected_execution_exception", null))).isEqualTo(Verdict.THROTTLED);
        assertThat(Verdict.ofItem(503, error("unavailable_shards_exception", null))).isEqualTo(Verdict.SERVER_ERROR);
        assertThat(Verdict.ofItem(500, error("exception", null))).isEqualTo(Verdict.SERVER_ERROR);
        assertThat(Verdict.THROTTLED.retry()).isTrue();
        assertThat(Verdict.SERVER_ERROR.retry()).isTrue();
    }

    @Test
    void documentsTheMappingRefusesAreRejected() {
        assertThat(Verdict.ofItem(400, error("document_parsing_exception",
                error("illegal_argument_exception", null)))).isEqualTo(Verdict.MAPPING);
        assertThat(Verdict.ofItem(400, error("mapper_parsing_exception", null))).isEqualTo(Verdict.MAPPING);
        assertThat(Verdict.ofItem(400, error("strict_dynamic_mapping_exception", null))).isEqualTo(Verdict.MAPPING);
        assertThat(Verdict.ofItem(400, error("illegal_argument_exception", null))).isEqualTo(Verdict.MAPPING);
        assertThat(Verdict.MAPPING.retry()).isFalse();
    }

    @Test
    void documentsThatAreNotJsonAreRejectedAsParse() {
        // What the server answers for a truncated document: a parsing error caused by the JSON parser.
        ErrorCause eof = error("document_parsing_exception", error("x_content_e_o_f_exception",
                error("json_e_o_f_exception", null)));
        assertThat(Verdict.ofItem(400, eof)).isEqualTo(Verdict.PARSE);
        assertThat(Verdict.PARSE.retry()).isFalse();
    }

    @Test
    void otherClientErrorsAreRejected() {
        assertThat(Verdict.ofItem(400, error("invalid_index_name_exception", null))).isEqualTo(Verdict.REJECTED);
        assertThat(Verdict.ofItem(404, error("index_not_found_exception", null))).isEqualTo(Verdict.REJECTED);
        assertThat(Verdict.REJECTED.retry()).isFalse();
    }

    @Test
    void requestsThatFailAsAWholeAreRetriedByCause() {
        assertThat(Verdict.ofRequestFailure(new CompletionException(new ConnectException("Connection refused"))))
                .isEqualTo(Verdict.UNREACHABLE);
        assertThat(Verdict.ofRequestFailure(new SocketTimeoutException())).isEqualTo(Verdict.UNREACHABLE);
        assertThat(Verdict.ofRequestFailure(httpError(429))).isEqualTo(Verdict.THROTTLED);
        assertThat(Verdict.ofRequestFailure(new CompletionException(httpError(502)))).isEqualTo(Verdict.SERVER_ERROR);
        assertThat(Verdict.ofRequestFailure(httpError(401))).isEqualTo(Verdict.ERROR);
        assertThat(Verdict.ofRequestFailure(new IllegalStateException("closed"))).isEqualTo(Verdict.ERROR);
        assertThat(Verdict.ERROR.retry()).isTrue();
        assertThat(Verdict.UNREACHABLE.retry()).isTrue();
    }

    private static ElasticsearchException httpError(int status) {
        return new ElasticsearchException("bulk", ErrorResponse.of(r -> r.status(status)
                .error(e -> e.type("some_exception").reason("refused"))));
    }

    private static ErrorCause error(String type, ErrorCause cause) {
        return ErrorCause.of(e -> {
            e.type(type).reason("why");
            if (cause != null) {
                e.causedBy(cause);
            }
            return e;
        });
    }
}
