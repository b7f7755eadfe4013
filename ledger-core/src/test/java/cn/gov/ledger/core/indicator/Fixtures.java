package cn.gov.ledger.core.indicator;

import cn.gov.ledger.core.classification.ClassificationKind;
import cn.gov.ledger.core.classification.Classifications;
import cn.gov.ledger.core.classification.CodeList;
import cn.gov.ledger.core.classification.EconomicCode;
import cn.gov.ledger.core.classification.FunctionalCode;
import cn.gov.ledger.core.money.Money;
import cn.gov.ledger.core.classification.ListedCode;
import cn.gov.ledger.core.classification.UnlistedItems;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Test data: codes from the shipped lists and shorthands for commands. */
final class Fixtures {

    static final int YEAR = 2024;
    static final String UNIT = "060001";
    static final String OTHER_UNIT = "060002";
    /** 2150501 资源勘探工业信息等支出 / 工业和信息产业监管 / 行政运行 */
    static final FunctionalCode ADMIN_OPERATION = new FunctionalCode("2150501");
    /** 30201 办公费 */
    static final EconomicCode OFFICE = new EconomicCode("30201");
    /** 30217 公务接待费, a 三公 code */
    static final EconomicCode RECEPTION = new EconomicCode("30217");
    static final LocalDate JAN_2 = LocalDate.of(YEAR, 1, 2);
    static final LocalDate JUN_30 = LocalDate.of(YEAR, 6, 30);
    static final LocalDate DEC_31 = LocalDate.of(YEAR, 12, 31);

    /** The code lists of the tests, the same complete lists for every fiscal year, holding the codes above. */
    /** No fiscal year closed. */
    static final YearLock OPEN_YEARS = (unitCode, fiscalYear) -> false;

    static final Classifications CLASSIFICATIONS = new Classifications() {
        @Override
        public Optional<CodeList> list(int fiscalYear, ClassificationKind kind) {
            List<ListedCode> codes = kind == ClassificationKind.FUNCTIONAL
                    ? List.of(new ListedCode("215", "资源勘探工业信息等支出"), new ListedCode("21505", "工业和信息产业监管"),
                            new ListedCode("2150501", "行政运行"))
                    : List.of(new ListedCode("302", "商品和服务支出"), new ListedCode("30201", "办公费"),
                            new ListedCode("30217", "公务接待费"));
            return Optional.of(CodeList.shipped(kind, fiscalYear, codes, true, "test"));
        }

        @Override
        public UnlistedItems unlistedItems() {
            return UnlistedItems.REFUSE;
        }
    };

    private Fixtures() {
    }

    static Money yuan(String amount) {
        return Money.parse(amount);
    }

    static IndicatorAttributes project(int fiscalYear, String unit) {
        return new IndicatorAttributes(fiscalYear, unit, FundSource.GENERAL_BUDGET, ADMIN_OPERATION,
                ExpenditureKind.PROJECT, "P2024-001", "工信产业项目管理经费", null);
    }

    static IndicatorAttributes project() {
        return project(YEAR, UNIT);
    }

    static IndicatorAttributes basic() {
        return new IndicatorAttributes(YEAR, UNIT, FundSource.GENERAL_BUDGET, ADMIN_OPERATION,
                ExpenditureKind.BASIC, null, null, null);
    }

    /** A 三公 limit: the indicator pays only for 30217 公务接待费. */
    static IndicatorAttributes receptionLimit() {
        return new IndicatorAttributes(YEAR, UNIT, FundSource.GENERAL_BUDGET, ADMIN_OPERATION,
                ExpenditureKind.BASIC, null, null, RECEPTION);
    }

    static AppropriateBudget appropriate(String id, IndicatorAttributes attributes, String amount) {
        return new AppropriateBudget(id, attributes, yuan(amount), true,
                LocalDate.of(attributes.fiscalYear(), 1, 2), "辽财指〔" + attributes.fiscalYear() + "〕1号");
    }

    static BudgetAppropriated appropriated(String id, IndicatorAttributes attributes, String amount) {
        AppropriateBudget c = appropriate(id, attributes, amount);
        return new BudgetAppropriated(id, attributes, c.amount(), true, c.effectiveDate(), c.documentRef());
    }

    static AdjustBudget adjust(String id, String adjustmentId, String amount) {
        return new AdjustBudget(id, adjustmentId, yuan(amount), "追加", JUN_30, "辽财指〔2024〕88号");
    }

    static RecordIncome income(String id, String incomeId, String amount) {
        return new RecordIncome(id, incomeId, yuan(amount), JUN_30, "财政拨款收入");
    }

    static IncomeRecorded incomeRecorded(String id, String incomeId, String amount) {
        return new IncomeRecorded(id, incomeId, yuan(amount), JUN_30, "财政拨款收入");
    }

    static RecordExpenditure spend(String id, String expenditureId, String amount) {
        return spend(id, expenditureId, amount, OFFICE);
    }

    static RecordExpenditure spend(String id, String expenditureId, String amount, EconomicCode code) {
        return new RecordExpenditure(id, expenditureId, yuan(amount), code, JUN_30, "记-0001", "某供应商", "办公用品");
    }

    static ExpenditureRecorded spent(String id, String expenditureId, String amount) {
        return spent(id, expenditureId, amount, OFFICE);
    }

    static ExpenditureRecorded spent(String id, String expenditureId, String amount, EconomicCode code) {
        return new ExpenditureRecorded(id, expenditureId, yuan(amount), code, JUN_30, "记-0001", "某供应商", "办公用品");
    }

    static ReverseExpenditure reverse(String id, String reversalId, String expenditureId, String amount) {
        return new ReverseExpenditure(id, reversalId, expenditureId, amount == null ? null : yuan(amount), "退货",
                JUN_30);
    }

    static TransferBudget transfer(String transferId, String from, String to, String amount) {
        return new TransferBudget(transferId, from, to, yuan(amount), "调剂", JUN_30, "辽财指〔2024〕99号", false);
    }

    static CarryForward carryForward(String id, String target) {
        return new CarryForward(id, target, null, null, DEC_31);
    }

    static CarryForward carryForward(String id, String target, String carryOver, SurplusDisposition disposition) {
        return new CarryForward(id, target, carryOver == null ? null : yuan(carryOver), disposition, DEC_31);
    }

    static CarriedForward carriedForward(String id, String target, String carryOver) {
        return new CarriedForward(id, target, yuan(carryOver), Money.ZERO, SurplusDisposition.CARRY, DEC_31);
    }
}
