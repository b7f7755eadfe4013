package cn.gov.ledger.api.config;

import cn.gov.ledger.projections.audit.EventJournal;
import cn.gov.ledger.projections.audit.IndicatorReplay;
import cn.gov.ledger.projections.balance.BalanceProjection;
import cn.gov.ledger.projections.balance.BalanceQueries;
import cn.gov.ledger.projections.position.ProjectionPosition;
import cn.gov.ledger.projections.reporting.ReportFacts;
import cn.gov.ledger.projections.unit.UnitVersionProjection;
import cn.gov.ledger.projections.unit.UnitVersions;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The read models of ledger-projections, wired to the service's database. */
@Configuration(proxyBeanMethods = false)
public class ProjectionConfiguration {

    @Bean
    BalanceProjection balanceProjection(JdbcTemplate jdbc) {
        return new BalanceProjection(jdbc);
    }

    @Bean
    BalanceQueries balanceQueries(JdbcTemplate jdbc) {
        return new BalanceQueries(jdbc);
    }

    @Bean
    ProjectionPosition balancesPosition(JdbcTemplate jdbc, Serializer serializer) {
        return new ProjectionPosition(jdbc, serializer, BalanceProjection.PROCESSING_GROUP);
    }

    @Bean
    ReportFacts reportFacts(JdbcTemplate jdbc) {
        return new ReportFacts(jdbc);
    }

    @Bean
    UnitVersions unitVersions(JdbcTemplate jdbc) {
        return new UnitVersions(jdbc);
    }

    /** Writes each unit version in its event's transaction (subscribed) and again on a replay of "balances". */
    @Bean
    UnitVersionProjection unitVersionProjection(UnitVersions versions, EventStore eventStore) {
        UnitVersionProjection projection = new UnitVersionProjection(versions);
        projection.subscribeTo(eventStore);
        return projection;
    }

    @Bean
    EventJournal eventJournal(JdbcTemplate jdbc, ObjectMapper json) {
        return new EventJournal(jdbc, json);
    }

    @Bean
    IndicatorReplay indicatorReplay(EventStore eventStore) {
        return new IndicatorReplay(eventStore);
    }
}
