package cn.gov.ledger.api.classification;

import cn.gov.ledger.api.config.AxonConfiguration;
import cn.gov.ledger.api.reading.ReadConsistency;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.CodeList;
import cn.gov.ledger.core.classification.ListedCode;
import cn.gov.ledger.core.classification.LoadClassificationList;
import cn.gov.ledger.projections.classification.CodeListCsv;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the official list of a fiscal year and kind (an ADMIN, {@code PUT
 * /api/v1/classifications/{fiscalYear}/{kind}}): checks it (CLASSIFICATION_INVALID, with every
 * offending line), refuses to drop a code postings of that year use (CLASSIFICATION_CODE_IN_USE), and
 * in one transaction stores the {@code ClassificationListLoaded} event and writes the list's rows.
 */
@Service
class ClassificationLoads {

    /** Codes the read models hold as used by postings of a fiscal year. */
    private static final String USED_FUNCTIONAL = "SELECT DISTINCT functional_code FROM rm_indicator WHERE fiscal_year = ?";
    private static final String USED_ECONOMIC = """
            SELECT economic_code FROM rm_year_total WHERE fiscal_year = ? AND economic_code <> ''
            UNION SELECT economic_code FROM rm_indicator WHERE fiscal_year = ? AND economic_code IS NOT NULL""";

    private final YearClassifications lists;
    private final LoadedLists loaded;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ReadConsistency consistency;
    private final TransactionTemplate transaction;

    ClassificationLoads(YearClassifications lists, LoadedLists loaded, CommandGateway commands, JdbcTemplate jdbc,
                        ReadConsistency consistency, PlatformTransactionManager transactions) {
        this.lists = lists;
        this.loaded = loaded;
        this.commands = commands;
        this.jdbc = jdbc;
        this.consistency = consistency;
        this.transaction = new TransactionTemplate(transactions);
    }

    CodeList load(int fiscalYear, ClassificationKind kind, String csv, String loadedBy, String correlationId) {
        CodeListCsv.Read read = CodeListCsv.read(kind, csv == null ? "" : csv);
        List<CodeListCsv.LineProblem> problems = new ArrayList<>(read.problems());
        if (problems.isEmpty() && kind == ClassificationKind.ECONOMIC) {
            problems.addAll(unmappedGovernmentCodes(fiscalYear, read));
        }
        if (problems.isEmpty() && read.codes().isEmpty()) {
            problems.add(new CodeListCsv.LineProblem(1, null, "the list has no codes"));
        }
        if (!problems.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "CLASSIFICATION_INVALID",
                    "the " + kind.key() + " list for " + fiscalYear + " has " + problems.size()
                            + " problem(s); nothing was loaded", Map.of("problems", CodeListCsv.describe(problems)));
        }
        // the read models must hold every posting accepted so far before they are asked what is used
        consistency.await(jdbc.queryForObject("SELECT COALESCE(max(global_index), 0) FROM domain_event_entry",
                Long.class));
        transaction.executeWithoutResult(status -> {
            jdbc.execute(LoadedLists.LOCK);
            Set<String> dropped = new TreeSet<>(used(fiscalYear, kind));
            read.codes().forEach(c -> dropped.remove(c.code()));
            if (!dropped.isEmpty()) {
                throw new ApiProblem(HttpStatus.CONFLICT, "CLASSIFICATION_CODE_IN_USE",
                        "the " + kind.key() + " list for " + fiscalYear + " would drop codes in use: "
                                + String.join(", ", dropped) + "; nothing was loaded", Map.of("codes", dropped));
            }
            UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        LoadClassificationList.of(fiscalYear, kind, read.codes(), loadedBy))
                        .andMetaData(Map.of(AxonConfiguration.POSTED_BY, loadedBy,
                                AxonConfiguration.CORRELATION_ID, correlationId)));
            } catch (RuntimeException e) {
                unitOfWork.rollback(e);
                throw e;
            }
            unitOfWork.commit();
            loaded.record(kind.listId(fiscalYear));
        });
        lists.forget(fiscalYear, kind);
        return lists.list(fiscalYear, kind).orElseThrow();
    }

    /** Codes of that year's postings (or, for a government list, of that year's economic mapping). */
    private Set<String> used(int fiscalYear, ClassificationKind kind) {
        return switch (kind) {
            case FUNCTIONAL -> new TreeSet<>(jdbc.queryForList(USED_FUNCTIONAL, String.class, fiscalYear));
            case ECONOMIC -> new TreeSet<>(jdbc.queryForList(USED_ECONOMIC, String.class, fiscalYear, fiscalYear));
            case GOVERNMENT_ECONOMIC -> {
                Set<String> mapped = new TreeSet<>();
                lists.list(fiscalYear, ClassificationKind.ECONOMIC).ifPresent(economic -> economic.codes().forEach(c -> {
                    if (c.governmentCode() != null) {
                        mapped.add(c.governmentCode());
                    }
                    if (c.institutionGovernmentCode() != null) {
                        mapped.add(c.institutionGovernmentCode());
                    }
                }));
                yield mapped;
            }
        };
    }

    /** An economic list's government codes must be in the year's 政府预算支出经济分类 list. */
    private List<CodeListCsv.LineProblem> unmappedGovernmentCodes(int fiscalYear, CodeListCsv.Read read) {
        List<CodeListCsv.LineProblem> problems = new ArrayList<>();
        CodeList government = lists.list(fiscalYear, ClassificationKind.GOVERNMENT_ECONOMIC).orElse(null);
        for (int i = 0; i < read.codes().size(); i++) {
            ListedCode c = read.codes().get(i);
            for (String code : new String[] {c.governmentCode(), c.institutionGovernmentCode()}) {
                if (code != null && (government == null || !government.contains(code))) {
                    problems.add(new CodeListCsv.LineProblem(read.lines().get(i), c.code(), "government code " + code
                            + " is not in the " + fiscalYear + " government-economic list"
                            + (government == null ? " (there is none: load it first)" : "")));
                }
            }
        }
        return problems;
    }
}
