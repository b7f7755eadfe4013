package cn.gov.ledger.bench;

import java.util.Locale;

/** The results file's "How each figure was measured": what each figure and its baseline are, at this run's sizes. */
final class MethodNotes {

    private MethodNotes() {
    }

    static void add(Report report, BenchOptions o, int indicators) {
        report.notes.add("Every figure and its baseline ran in this one run on the same machine and the same"
                + " PostgreSQL; the bench (client) shares the machine's cores with the service and PostgreSQL."
                + " Figures 1 and 3 run in " + o.rounds + " round(s); their baselines run a round before the first"
                + " and one after each (after the read models and the event chain caught up), and each ratio is"
                + " against the median of those baseline rounds, so that one slow baseline round cannot make a"
                + " target look met. The baseline column lists the rounds in the order they ran.");
        report.notes.add("1: RecordExpenditure over REST (POST /api/v1/expenditures), " + o.clients
                + " closed-loop clients, each on a keep-alive HTTP/1.1 connection of its own, all driven by one thread"
                + " over a selector as wrk drives its connections (SelectorLoad), each posting the next expenditure as"
                + " soon as the last was answered, spread round-robin over " + o.writeIndicators + " indicators, for "
                + o.seconds + " s in all after a " + o.warmupSeconds + " s warm-up of the same load (the service is"
                + " measured warm, as it runs in production; the warm-up's own rates are in the details); postings/s"
                + " over the rounds together; latency per request in HdrHistogram (no coordinated-omission"
                + " correction). Baseline: " + o.clients + " JDBC connections each inserting one comparable row per"
                + " transaction (autocommit) into a plain table (bigserial key, unique posting id, indicator, amount,"
                + " economic code, date, the posting's JSON) of the same PostgreSQL, " + o.baselineSeconds
                + " s per round; pgbench with the same INSERT once, where it is installed.");
        report.notes.add("2: the same clients, all on one indicator, for " + o.hotSeconds + " s; a 503 BUSY is"
                + " retried with the same id (counted as retried), any other refusal counted as rejected; the"
                + " baseline column is figure 1's spread rate.");
        report.notes.add("3: POST /api/v1/postings:batch with atomic batches of " + o.batchSize + " expenditures over "
                + o.batchIndicators + " indicators each, " + o.loadClients + " requests in flight, until "
                + String.format(Locale.ROOT, "%,d", o.postings) + " postings over "
                + String.format(Locale.ROOT, "%,d", indicators) + " indicators are in: postings"
                + " acknowledged / the rounds' time from their first request to their last answer. This load is also"
                + " the data set of figure 4. Baseline: one COPY FROM STDIN of as many comparable rows into the"
                + " empty plain table per round.");
        report.notes.add("4: after the read model caught up, one client times each read " + o.readSamples
                + " times at most (or for " + o.readSeconds + " s, at least 5) after 5 untimed ones, on the loaded"
                + " department (final-accounts in 万元; asOf 2024-06-30; knownAt the instant half the load was"
                + " acknowledged; balances of random loaded indicators), after a VACUUM ANALYZE of the read models and"
                + " an ANALYZE of the rest (as autovacuum would within a minute of the load). The execution-rates"
                + " target is held against answers the service computes (another asOf each time, so neither its"
                + " cache of answers nor the ETag answers it); the cached answers (the same question again, and"
                + " If-None-Match with the current ETag) are shown beside it. 304 answers/s: " + o.readClients
                + " clients repeating If-None-Match with the current ETag for " + o.readSeconds
                + " s, and the same by wrk (2 threads, " + o.readClients + " connections) where it is installed, whose"
                + " figure is the one held against the target (the Java client shares the bench's JVM). Baseline:"
                + " GET /api/v1/units (a trivial endpoint behind the same security and MVC stack).");
        report.notes.add("5: the service has no reset endpoint, so the bench stops the service, deletes the"
                + " 'balances' processor's row of token_entry and empties rm_indicator, rm_movement and their totals"
                + " over JDBC, and starts the service again; events/s = events replayed between the first read-model"
                + " row appearing (less the rows already there then; every event the bench writes is one movement)"
                + " and health reporting processors.lag 0 with processedSequence equal to headSequence, over that"
                + " time; the service's other processor (event-chain) keeps its token and has nothing to do."
                + " Baseline: one JDBC cursor over domain_event_entry in global order, deserializing every payload"
                + " into its ledger-core event class with the service's Jackson configuration.");
        report.notes.add("6: heap from GET /actuator/metrics/jvm.memory.used?tag=area:heap sampled every second"
                + " (the maximum over the whole run), the live heap after jcmd GC.run at the end, and RSS from"
                + " /proc/<pid>/status (VmRSS, VmHWM) of the service's JVM (its embedded PostgreSQL runs in"
                + " processes of its own, not counted); the service runs with -Xmx512m as the Dockerfile deploys it"
                + " (--service-jvm-opts), so every figure above was reached within that heap.");
        report.notes.add("Correctness (asserted by the quick mode in CI, never the timings): every posting the"
                + " clients got 201/200 for is exactly once in domain_event_entry (ExpenditureRecorded whose"
                + " metadata postingId is its id) and has its posting_receipt row, nothing refused is there, and"
                + " rm_movement's spent per indicator equals those postings, before and after the rebuild.");
    }
}
