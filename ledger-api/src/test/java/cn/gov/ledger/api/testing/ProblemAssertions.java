package cn.gov.ledger.api.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Assertions on RFC 9457 problem answers. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static void assertProblem(LedgerClient.Answer answer, int status, String code) {
        assertThat(answer.status()).as("status of %s", answer.raw().body()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type")).as("Content-Type")
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.body()).as("problem body").isNotNull();
        assertThat(answer.code()).as("code of %s", answer.body()).isEqualTo(code);
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
    }

    public static List<String> errorFields(LedgerClient.Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.body().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
