package cn.gov.ledger.api.demo;

import cn.gov.ledger.api.config.LedgerProperties;
import cn.gov.ledger.api.posting.BatchRequest;
import cn.gov.ledger.api.posting.Caller;
import cn.gov.ledger.api.posting.PostingService;
import cn.gov.ledger.api.unit.UnitCommands;
import cn.gov.ledger.api.unit.UnitController.UnitRequest;
import cn.gov.ledger.core.unit.UnitAttributes;
import cn.gov.ledger.core.unit.UnitType;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * With {@code ledger.demo.enabled=true}, an empty ledger starts with two departments (resources
 * {@code demo/}): the 2023-2024 postings of 辽宁省工业和信息化厅, the worked example whose 2024
 * report reproduces the published one, and the 2024-2025 postings of 示例省教育厅, a made-up
 * education department (tools/demo-data/generate_education.py). Each is loaded the way a user
 * would load it: the units as reference data, then the postings as one atomic batch.
 */
@Component
public class DemoData implements ApplicationRunner {

    static final String UNITS = "demo/liaoning-miit-units.json";
    static final String POSTINGS = "demo/liaoning-miit-2024.json";
    static final String SECOND_UNITS = "demo/example-education-units.json";
    static final String SECOND_POSTINGS = "demo/example-education-postings.json";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final LedgerProperties properties;
    private final UnitCommands units;
    private final PostingService postings;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public DemoData(LedgerProperties properties, UnitCommands units, PostingService postings, JdbcTemplate jdbc,
                    ObjectMapper json) {
        this.properties = properties;
        this.units = units;
        this.postings = postings;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!properties.demo().enabled()) {
            return;
        }
        Long events = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        if (events != null && events > 0) {
            log.info("Demo data not loaded: the ledger already holds {} events", events);
            return;
        }
        load(UNITS, POSTINGS);
        load(SECOND_UNITS, SECOND_POSTINGS);
    }

    private void load(String unitResource, String postingResource) throws IOException {
        try (InputStream unitFile = new ClassPathResource(unitResource).getInputStream();
             InputStream postingFile = new ClassPathResource(postingResource).getInputStream()) {
            List<UnitRequest> demoUnits = json.readValue(unitFile, new TypeReference<>() { });
            Caller caller = new Caller("demo-data", UUID.randomUUID().toString(), null);
            for (UnitRequest unit : demoUnits) {
                units.put(unit.unitCode(), new UnitAttributes(unit.name(), unit.departmentCode(), unit.departmentName(),
                        Objects.requireNonNullElse(unit.unitType(), UnitType.OTHER), unit.parentUnitCode()),
                        unit.effectiveDate(), caller.principal(), caller.correlationId());
            }
            BatchRequest batch = json.readValue(postingFile, BatchRequest.class);
            List<PostingService.BatchItem> results = postings.postAtomically(batch.postings(), caller);
            log.info("Demo data loaded from {}: {} units, {} postings", postingResource, demoUnits.size(),
                    results.size());
        }
    }
}
