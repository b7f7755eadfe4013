package cn.gov.ledger.api.testing;

import cn.gov.ledger.api.LedgerApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service started in the test's JVM on a data directory of the test's own, for the tests
 * that restart it or run more than one: on a free port, with {@link LedgerClient#ADMIN_KEY}.
 */
public final class InProcessService {

    private InProcessService() {
    }

    /** Starts the service on the data directory, with further command-line arguments (a datasource, say). */
    public static ConfigurableApplicationContext start(Path dataDir, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--ledger.security.admin-api-key=" + LedgerClient.ADMIN_KEY,
                "--ledger.data-dir=" + dataDir.toAbsolutePath()));
        arguments.addAll(List.of(more));
        return new SpringApplicationBuilder(LedgerApplication.class).run(arguments.toArray(String[]::new));
    }

    /** An ADMIN client of the running service. */
    public static LedgerClient client(ConfigurableApplicationContext service) {
        return new LedgerClient(port(service));
    }

    public static int port(ConfigurableApplicationContext service) {
        return Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
    }
}
