package cn.gov.ledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundsTest {

    @Test
    void oneSlowRoundDoesNotMoveTheMedianOfThree() {
        Rounds rounds = new Rounds(List.of(6_000.0, 2_000.0, 6_400.0));

        assertThat(rounds.median()).isEqualTo(6_000.0);
        assertThat(rounds.describe("/s raw JDBC inserts"))
                .isEqualTo("6,000 /s raw JDBC inserts (median of 3 rounds: 6,000, 2,000, 6,400)");
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        assertThat(new Rounds(List.of(10.0, 40.0, 20.0, 30.0)).median()).isEqualTo(25.0);
        assertThat(new Rounds(List.of(8.0)).describe("rows/s COPY")).isEqualTo("8.00 rows/s COPY");
    }

    @Test
    void aBaselineWithoutRoundsIsRefused() {
        assertThatThrownBy(() -> new Rounds(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
