package cn.gov.ledger.api.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The envelope of a list answer: the time slice asked for, the sequence it reflects, and the rows. */
public final class ReadAnswers {

    private ReadAnswers() {
    }

    public static Map<String, Object> list(LocalDate asOf, Instant knownAt, long sequence, List<?> rows) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", asOf);
        body.put("knownAt", knownAt);
        body.put("sequence", sequence);
        body.put("rows", rows);
        return body;
    }
}
