package dev.ncbridge.app.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ncbridge.ingest.record.EventType;
import dev.ncbridge.ingest.record.KeyValue;
import dev.ncbridge.ingest.record.Record;
import dev.ncbridge.ingest.testing.Records;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps docs/routing.md true: its examples compile and its full example routes as the text says. */
class RouteDocExampleTest {
    private static final Path DOC = Path.of("../docs/routing.md");

    private static String doc() throws IOException {
        return Files.readString(DOC);
    }

    @Test
    void everyMatchExampleCompiles() throws IOException {
        Matcher m = Pattern.compile("(?m)^match: (\\{.*})").matcher(doc());
        int examples = 0;
        while (m.find()) {
            Routes.compile("routes:\n  - match: " + m.group(1) + "\n    to: [s]\n", "s");
            examples++;
        }
        assertThat(examples).isGreaterThan(10);
    }

    @Test
    void theFullExampleDoesWhatItSays() throws IOException {
        String text = doc();
        String from = text.substring(text.indexOf("## Full example"));
        String yaml = from.substring(from.indexOf("```yaml\n") + 8, from.indexOf("```\n", from.indexOf("```yaml\n") + 8));
        Routes.Compiled c = Routes.compile(yaml, "kafka", "search", "pager", "db-team");

        Record oops = Records.linkDown().level(3).message("Oops: 0002").hostName("db-3")
                .userdata(List.of(new KeyValue("role", "db1"))).build();
        Record ioError = Records.linkDown().level(3).message("blk_update_request: I/O error").hostName("db-3")
                .userdata(List.of(new KeyValue("role", "db1"))).build(); // from 10.1.2.3
        Record warning = Records.linkDown().level(4).message("eth0: link down")
                .source(new InetSocketAddress("10.4.4.4", 6665)).hostName(null).build();
        Record back = Records.eventFromWeb1(EventType.SOURCE_BACK);
        for (Record r : List.of(oops, ioError, warning, back)) {
            c.router().route(r);
        }

        assertThat(c.sink("kafka").received()).containsExactly(oops, ioError, warning, back);
        assertThat(c.sink("pager").received()).containsExactly(oops);
        assertThat(c.sink("search").received()).containsExactly(oops, ioError, warning);
        assertThat(c.sink("db-team").received()).containsExactly(ioError);
        assertThat(c.router().unrouted()).isZero();
    }
}
