package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.posting.PostingRequest.Adjustment;
import cn.gov.ledger.api.posting.Corrections.AppropriationCorrection;
import cn.gov.ledger.api.posting.PostingRequest.Appropriation;
import cn.gov.ledger.api.posting.PostingRequest.CarryForwardRequest;
import cn.gov.ledger.api.posting.PostingRequest.Expenditure;
import cn.gov.ledger.api.posting.Corrections.ExpenditureMove;
import cn.gov.ledger.api.posting.PostingRequest.Income;
import cn.gov.ledger.api.posting.Corrections.IncomeReversal;
import cn.gov.ledger.api.posting.PostingRequest.Reversal;
import cn.gov.ledger.api.posting.SurplusPostings.SurplusAllocation;
import cn.gov.ledger.api.posting.SurplusPostings.SurplusUse;
import cn.gov.ledger.api.posting.PostingRequest.Transfer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The endpoints of single postings, one per kind: PostingController maps them (its
 * {@code @PostMapping}s name these constants) and DirectPostingFilter takes them in before it.
 * Each route says how to read its body and how to put its path's id, if it has one, into it.
 * Who may call them is AccessRules' to say, for both.
 */
final class PostingRoutes {

    static final String APPROPRIATION_PATH = "/api/v1/indicators";
    static final String ADJUSTMENT_PATH = "/api/v1/indicators/{indicatorId}/adjustments";
    static final String TRANSFER_PATH = "/api/v1/transfers";
    static final String INCOME_PATH = "/api/v1/indicators/{indicatorId}/incomes";
    static final String EXPENDITURE_PATH = "/api/v1/expenditures";
    static final String REVERSAL_PATH = "/api/v1/expenditures/{expenditureId}/reversals";
    static final String CARRY_FORWARD_PATH = "/api/v1/indicators/{indicatorId}/carry-forward";
    static final String INCOME_REVERSAL_PATH = "/api/v1/incomes/{incomeId}/reversals";
    static final String AMOUNT_CORRECTION_PATH = "/api/v1/indicators/{indicatorId}/appropriation-corrections";
    static final String EXPENDITURE_MOVE_PATH = "/api/v1/expenditures/{expenditureId}/moves";
    static final String SURPLUS_USE_PATH = "/api/v1/indicators/{indicatorId}/surplus-uses";
    static final String SURPLUS_ALLOCATION_PATH = "/api/v1/indicators/{indicatorId}/surplus-allocations";

    /**
     * An endpoint: its pattern as the controller maps it, the type its body reads as, and how the
     * path's id goes into that body (null where the path has none).
     */
    record Route<T extends PostingRequest>(String pattern, Class<T> type, BiFunction<T, String, T> withPathId) {

        boolean hasPathId() {
            return withPathId != null;
        }

        /** The body with the path's id in it: the path names the indicator or expenditure, whatever the body says. */
        PostingRequest bind(PostingRequest body, String pathId) {
            return withPathId == null ? body : withPathId.apply(type.cast(body), pathId);
        }
    }

    static final Route<Appropriation> APPROPRIATION = new Route<>(APPROPRIATION_PATH, Appropriation.class, null);
    static final Route<Adjustment> ADJUSTMENT =
            new Route<>(ADJUSTMENT_PATH, Adjustment.class, Adjustment::forIndicator);
    static final Route<Transfer> TRANSFER = new Route<>(TRANSFER_PATH, Transfer.class, null);
    static final Route<Income> INCOME = new Route<>(INCOME_PATH, Income.class, Income::forIndicator);
    static final Route<Expenditure> EXPENDITURE = new Route<>(EXPENDITURE_PATH, Expenditure.class, null);
    static final Route<Reversal> REVERSAL = new Route<>(REVERSAL_PATH, Reversal.class, Reversal::ofExpenditure);
    static final Route<CarryForwardRequest> CARRY_FORWARD =
            new Route<>(CARRY_FORWARD_PATH, CarryForwardRequest.class, CarryForwardRequest::forIndicator);
    static final Route<IncomeReversal> INCOME_REVERSAL =
            new Route<>(INCOME_REVERSAL_PATH, IncomeReversal.class, IncomeReversal::ofIncome);
    static final Route<AppropriationCorrection> AMOUNT_CORRECTION =
            new Route<>(AMOUNT_CORRECTION_PATH, AppropriationCorrection.class, AppropriationCorrection::forIndicator);
    static final Route<ExpenditureMove> EXPENDITURE_MOVE =
            new Route<>(EXPENDITURE_MOVE_PATH, ExpenditureMove.class, ExpenditureMove::ofExpenditure);
    static final Route<SurplusUse> SURPLUS_USE =
            new Route<>(SURPLUS_USE_PATH, SurplusUse.class, SurplusUse::forIndicator);
    static final Route<SurplusAllocation> SURPLUS_ALLOCATION =
            new Route<>(SURPLUS_ALLOCATION_PATH, SurplusAllocation.class, SurplusAllocation::forIndicator);

    static final List<Route<?>> ALL =
            List.of(APPROPRIATION, ADJUSTMENT, TRANSFER, INCOME, EXPENDITURE, REVERSAL, CARRY_FORWARD,
                    INCOME_REVERSAL, AMOUNT_CORRECTION, EXPENDITURE_MOVE,
                    SURPLUS_USE, SURPLUS_ALLOCATION);

    /** A request path that is one of the routes, with its path's id (null where the route has none). */
    record Match(Route<?> route, String pathId) {
    }

    /**
     * An id in a path as DirectPostingFilter takes it: plain ASCII letters, digits and {@code ._~-}
     * (not percent-encoded), so that it reads the same there as in MVC; dot segments are excluded below.
     */
    private static final String PLAIN_ID = "([A-Za-z0-9._~-]+)";
    private static final Pattern VARIABLE = Pattern.compile("\\{[A-Za-z]+}");

    private static final Map<String, Route<?>> LITERAL = ALL.stream().filter(route -> !route.hasPathId())
            .collect(Collectors.toUnmodifiableMap(Route::pattern, Function.identity()));
    private static final Map<Route<?>, Pattern> TEMPLATED = ALL.stream().filter(Route::hasPathId)
            .collect(Collectors.toUnmodifiableMap(Function.identity(), PostingRoutes::regex));

    private PostingRoutes() {
    }

    /**
     * The route a request path is, if it is one with a plain id: anything else (percent-encoded,
     * dot segments, {@code ;} parameters, doubled or trailing slashes) is left to the chain,
     * whose firewall and MVC read it.
     */
    static Optional<Match> plainMatch(String path) {
        Route<?> literal = LITERAL.get(path);
        if (literal != null) {
            return Optional.of(new Match(literal, null));
        }
        for (Map.Entry<Route<?>, Pattern> templated : TEMPLATED.entrySet()) {
            Matcher matcher = templated.getValue().matcher(path);
            if (matcher.matches() && !matcher.group(1).matches("\\.+")) {
                return Optional.of(new Match(templated.getKey(), matcher.group(1)));
            }
        }
        return Optional.empty();
    }

    private static Pattern regex(Route<?> route) {
        String[] around = VARIABLE.split(route.pattern(), -1);
        if (around.length != 2) {
            throw new IllegalStateException("a posting route has one path variable at most: " + route.pattern());
        }
        return Pattern.compile(Pattern.quote(around[0]) + PLAIN_ID + Pattern.quote(around[1]));
    }
}
