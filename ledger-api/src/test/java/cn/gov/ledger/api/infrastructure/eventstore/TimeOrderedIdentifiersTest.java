package cn.gov.ledger.api.infrastructure.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifiersTest {

    @Test
    void identifiersAreVersion7WithTheMillisecondOfTheirMaking() {
        long before = System.currentTimeMillis();
        UUID id = UUID.fromString(new TimeOrderedIdentifiers().generateIdentifier());
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    /** What keeps the indexes on event ids growing at their right edge: text order follows time. */
    @Test
    void laterMillisecondsSortAfterEarlierOnesAsText() {
        List<String> ids = new ArrayList<>(List.of(TimeOrderedIdentifiers.uuid()));
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (millisOf(ids.get(ids.size() - 1)) < millisOf(ids.get(0)) + 3 && System.nanoTime() < deadline) {
            ids.add(TimeOrderedIdentifiers.uuid());
        }

        for (int i = 1; i < ids.size(); i++) {
            long earlier = millisOf(ids.get(i - 1));
            long later = millisOf(ids.get(i));
            assertThat(later).isGreaterThanOrEqualTo(earlier);
            if (later > earlier) {
                assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
            }
        }
        assertThat(millisOf(ids.get(ids.size() - 1))).isGreaterThan(millisOf(ids.get(0)));
    }

    private static long millisOf(String id) {
        return UUID.fromString(id).getMostSignificantBits() >>> 16;
    }

    @Test
    void identifiersWithinOneMillisecondDiffer() {
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedIdentifiers.uuid());
        }

        assertThat(ids).hasSize(100_000);
    }
}
