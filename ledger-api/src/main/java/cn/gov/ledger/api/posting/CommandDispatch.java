package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.config.AxonConfiguration;
import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.api.web.RejectionProblems;
import cn.gov.ledger.core.indicator.LedgerRejection;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;

/**
 * Sends a posting's command to its indicator (Axon), in the caller's unit of work, with who posted
 * it, its id and the request's correlation id as metadata on its events. The ledger's refusals come
 * back as problems; any other failure (a race, a database error) is thrown as it is.
 */
final class CommandDispatch {

    private final CommandGateway commands;

    CommandDispatch(CommandGateway commands) {
        this.commands = commands;
    }

    void send(PreparedPosting posting, Caller caller) {
        Map<String, Object> metadata = Map.of(
                AxonConfiguration.POSTED_BY, caller.principal(),
                AxonConfiguration.POSTING_ID, posting.postingId(),
                AxonConfiguration.CORRELATION_ID, caller.correlationId());
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(posting.command()).andMetaData(metadata));
        } catch (RuntimeException e) {
            throw translate(e, posting);
        }
    }

    private static RuntimeException translate(RuntimeException thrown, PreparedPosting posting) {
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof LedgerRejection rejection) {
                return RejectionProblems.toProblem(rejection);
            }
            if (e instanceof AggregateNotFoundException) {
                return new ApiProblem(HttpStatus.NOT_FOUND, "INDICATOR_NOT_FOUND",
                        "indicator " + posting.indicatorId() + " does not exist");
            }
        }
        return thrown;
    }
}
