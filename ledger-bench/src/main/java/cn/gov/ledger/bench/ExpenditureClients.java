package cn.gov.ledger.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * Figures 1 and 2's load: keep-alive clients (SelectorLoad: a connection each) posting a series'
 * next expenditure for a given time; BUSY and lost answers are retried.
 */
final class ExpenditureClients {

    private static final int ATTEMPTS = 5;

    private ExpenditureClients() {
    }

    /** {@code clients} posting clients for {@code seconds}. */
    static ClosedLoop.Result run(LedgerHttp http, int clients, String name, int seconds, Series series)
            throws IOException {
        byte[] head = SelectorLoad.postHead(http.port(), "/api/v1/expenditures", http.authorization());
        return SelectorLoad.run(name, http.port(), clients, Duration.ofSeconds(seconds), http.timeout(),
                index -> new Client(head, series));
    }

    private static final class Client implements SelectorLoad.Client {
        private final byte[] head;
        private final Series series;
        private int pending = -1;
        private int attempts;
        private int k;

        Client(byte[] head, Series series) {
            this.head = head;
            this.series = series;
        }

        @Override
        public byte[] request() {
            k = pending >= 0 ? pending : series.next.getAndIncrement();
            if (pending < 0) {
                attempts = 0;
            }
            attempts++;
            return SelectorLoad.post(head, series.body(k));
        }

        @Override
        public ClosedLoop.Outcome answered(int status, String body, ClosedLoop.Recorder recorder) {
            if (status == 201 || status == 200) {
                series.ack(k);
                pending = -1;
                return ClosedLoop.Outcome.OK;
            }
            recorder.code(status + " " + LedgerHttp.problemCode(status, body));
            if (status == 503 && attempts < ATTEMPTS) {
                pending = k;
                return ClosedLoop.Outcome.RETRY;
            }
            pending = -1;
            return ClosedLoop.Outcome.REJECTED;
        }

        @Override
        public ClosedLoop.Outcome failed(IOException e, ClosedLoop.Recorder recorder) {
            series.unknown(k);
            recorder.code(e.getClass().getSimpleName());
            pending = attempts < ATTEMPTS ? k : -1;
            return ClosedLoop.Outcome.ERROR;
        }
    }
}
