package dev.ncbridge.sink.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.elasticsearch.client.ResponseException;

/**
 * What to do with a document Elasticsearch did not index: retry it (the cluster is busy or
 * failing) or reject it for good (the cluster will never take it as it is), with the reason that
 * becomes the metric tag. The reasons are a small fixed set; the details go to the log.
 *
 * @param retry true to retry, false to reject
 * @param reason the metric tag
 */
record Verdict(boolean retry, String reason) {
    /** HTTP 429, or a bulk item the cluster had no capacity for: retried. */
    static final Verdict THROTTLED = new Verdict(true, "throttled");
    /** HTTP 5xx, or a bulk item that failed on the server's side: retried. */
    static final Verdict SERVER_ERROR = new Verdict(true, "server_error");
    /** No answer: connection refused or reset, a timeout: retried. */
    static final Verdict UNREACHABLE = new Verdict(true, "unreachable");
    /** A request refused as a whole for another reason (authentication, a proxy): retried, as an operator can fix it. */
    static final Verdict ERROR = new Verdict(true, "error");
    /** The document does not fit the index's mappings: rejected. */
    static final Verdict MAPPING = new Verdict(false, "mapping");
    /** The document is not valid JSON for the server: rejected. */
    static final Verdict PARSE = new Verdict(false, "parse");
    /** Any other per-document client error (an invalid index name, a closed index): rejected. */
    static final Verdict REJECTED = new Verdict(false, "rejected");
    private static final List<Verdict> ALL = List.of(THROTTLED, SERVER_ERROR, UNREACHABLE, ERROR, MAPPING, PARSE, REJECTED);

    private static final Set<String> MAPPING_ERRORS = Set.of("mapper_parsing_exception",
            "document_parsing_exception", "strict_dynamic_mapping_exception", "illegal_argument_exception",
            "mapper_exception");
    private static final Set<String> PARSE_ERRORS = Set.of("parse_exception", "x_content_parse_exception",
            "x_content_e_o_f_exception", "json_parse_exception", "json_e_o_f_exception", "not_x_content_exception");

    /** The verdict on one failed bulk item, from its HTTP status and error. */
    /** The reasons of every verdict that retries ({@code retry} true) or rejects. */
    static Set<String> reasons(boolean retry) {
        return ALL.stream().filter(v -> v.retry == retry).map(Verdict::reason).collect(Collectors.toUnmodifiableSet());
    }

    static Verdict ofItem(int status, ErrorCause error) {
        if (status == 429) {
            return THROTTLED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        // A document that is not JSON the server can read often fails as a parsing (mapping) error
        // whose cause says so: the cause decides.
        for (ErrorCause cause = error; cause != null; cause = cause.causedBy()) {
            if (PARSE_ERRORS.contains(cause.type())) {
                return PARSE;
            }
        }
        if (error != null && MAPPING_ERRORS.contains(error.type())) {
            return MAPPING;
        }
        return REJECTED;
    }

    /** The verdict on every document of a bulk request that failed as a whole: always a retry. */
    static Verdict ofRequestFailure(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        int status = status(t);
        if (status == 429) {
            return THROTTLED;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        if (status <= 0 && t instanceof IOException) {
            return UNREACHABLE;
        }
        return ERROR;
    }

    /** The HTTP status a failure carries, or -1 when it never got one. */
    private static int status(Throwable t) {
        if (t instanceof ElasticsearchException e) {
            return e.status();
        }
        if (t instanceof TransportException e) {
            return e.statusCode();
        }
        if (t instanceof ResponseException e) {
            return e.getResponse().getStatusLine().getStatusCode();
        }
        if (t != null && t.getCause() != null && t.getCause() != t) {
            return status(t.getCause());
        }
        return -1;
    }
}
