#!/usr/bin/env python3
"""Independent check of the demo dataset against the published 2024 final accounts.

Reads the two demo files (units and the batch request body), replays every posting in batch order
under the ledger's rules (docs/domain.md, BudgetIndicator: authority left, fiscal-year dates, economic
restrictions, closed indicators, carry-forward), then computes the year-end report exactly as
docs/final-accounts.md defines it (every cell from exact 分 sums, rounded half-up to 0.01 万元 on
its own) and compares every published cell of the published tables (ledger-api/src/test/resources/reference), the completion rates of
the initial budget, and the figures of the published text that postings determine (三公 shares and
completion, year-on-year changes against the 2023 postings).

It shares no code with generate.py. Standard library only.

    python3 tools/demo-data/verify.py [--reference DIR] [--quiet]

Prints a reconciliation table (published, computed, difference) and exits 1 on any mismatch or
any posting the ledger would refuse.
"""
import argparse
import csv
import json
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
UNITS_FILE = os.path.join(ROOT, "ledger-api", "src", "main", "resources", "demo", "liaoning-miit-units.json")
BATCH_FILE = os.path.join(ROOT, "ledger-api", "src", "main", "resources", "demo", "liaoning-miit-2024.json")
CLASSIFICATION = os.path.join(ROOT, "ledger-core", "src", "main", "resources", "classification", "2024")

YEAR = 2024
APPROPRIATION_FUNDS = ("GENERAL_BUDGET", "GOVERNMENT_FUND", "STATE_CAPITAL")
FUNDS = APPROPRIATION_FUNDS + ("SUPERIOR_SUBSIDY", "BUSINESS", "OPERATING", "AFFILIATE", "OTHER")
KINDS = ("BASIC", "PROJECT", "REMITTANCE_TO_SUPERIOR", "OPERATING", "SUBSIDY_TO_AFFILIATES")
AMOUNT = re.compile(r"^-?\d{1,16}(\.\d{1,2})?$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
THREE_PUBLIC = ("30212", "30217", "30231", "31013")
# 公开01表 / 公开04表 state 208 and 215 0.01 away from 公开03表 (seed-tail-differences.csv): the
# same quantity, so the data follows 公开03表 and these two cells are accepted within 0.01.
TAIL_TOLERATED = {("01", "208"), ("01", "215"), ("04", "208"), ("04", "215")}


class Refused(Exception):
    pass


def wan(fen):
    """分 -> 万元, half-up to 0.01, as a Decimal."""
    return (Decimal(fen) / Decimal(1_000_000)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def pct(part, base):
    if base == 0:
        return None
    return (Decimal(part) * 100 / Decimal(base)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def dec(s):
    s = (s or "").strip().replace(",", "")
    return Decimal(s) if s else Decimal("0.00")


# ------------------------------------------------------------------------------------------
# Replaying the postings
# ------------------------------------------------------------------------------------------
class Indicator:
    def __init__(self, iid, attrs):
        self.id = iid
        self.attrs = attrs  # dict: fiscalYear, unitCode, fundSource, functionalCode, kind, projectCode, projectName, economicCode
        self.initial = 0
        self.adjustments = 0
        self.carried_in = 0
        self.income = 0
        self.spent = 0
        self.spent_by_econ = {}
        self.closed = False
        self.expenditures = {}  # id -> [econ, left]
        self.opened_by = None

    @property
    def year(self):
        return self.attrs["fiscalYear"]

    def authority(self):
        return self.initial + self.adjustments + self.carried_in - self.spent

    def balance(self):
        return self.carried_in + self.income - self.spent

    def next_year_attrs(self):
        a = dict(self.attrs)
        a["fiscalYear"] += 1
        return a


class Ledger:
    def __init__(self, units, functional, economic):
        self.units = units
        self.functional = functional
        self.economic = economic
        self.ind = {}
        self.expenditure_of = {}
        self.receipts = set()
        self.counts = {}

    # --- validation helpers (PostingRequest)
    @staticmethod
    def need_id(p, field):
        v = p.get(field)
        if not isinstance(v, str) or not v.strip() or len(v) > 200 or CONTROL.search(v):
            raise Refused("%s: a non-blank id of at most 200 characters is required" % field)
        return v

    @staticmethod
    def text(p, field, required):
        v = p.get(field)
        if v is None or (isinstance(v, str) and not v.strip()):
            if required:
                raise Refused("%s is required" % field)
            return None
        if not isinstance(v, str) or len(v) > 1000 or CONTROL.search(v.replace("\n", " ")):
            raise Refused("%s: text of at most 1000 characters" % field)
        return v

    @staticmethod
    def amount(p, field, required, sign):
        v = p.get(field)
        if v is None:
            if required:
                raise Refused("%s is required" % field)
            return None
        if not isinstance(v, str) or not AMOUNT.match(v):
            raise Refused("%s: amount must be a string in 元 with at most two decimals, got %r" % (field, v))
        neg = v.startswith("-")
        whole, _, frac = v.lstrip("-").partition(".")
        f = int(whole) * 100 + int((frac + "00")[:2])
        f = -f if neg else f
        if sign == "positive" and f <= 0 or sign == "not_negative" and f < 0 or sign == "not_zero" and f == 0:
            raise Refused("%s must be %s" % (field, sign.replace("_", " ")))
        return f

    @staticmethod
    def date(p, field="effectiveDate"):
        v = p.get(field)
        if not isinstance(v, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", v):
            raise Refused("%s: a date YYYY-MM-DD is required" % field)
        import datetime
        try:
            datetime.date.fromisoformat(v)
        except ValueError:
            raise Refused("%s: not a date: %s" % (field, v))
        return v

    def get(self, iid):
        if iid not in self.ind:
            raise Refused("INDICATOR_NOT_FOUND %s" % iid)
        return self.ind[iid]

    @staticmethod
    def open_in_year(ind, date):
        if ind.closed:
            raise Refused("INDICATOR_CLOSED %s" % ind.id)
        if int(date[:4]) != ind.year:
            raise Refused("EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR %s on %s (%d)" % (date, ind.id, ind.year))

    def receipt(self, ptype, pid):
        if (ptype, pid) in self.receipts:
            raise Refused("posting %s %s appears twice" % (ptype, pid))
        self.receipts.add((ptype, pid))

    # --- the commands
    def post(self, p):
        t = p.get("type")
        handler = getattr(self, "do_" + str(t).lower(), None)
        if handler is None:
            raise Refused("unknown type %r" % t)
        handler(p)
        self.counts[(t, p.get("effectiveDate", "????")[:4])] = self.counts.get((t, p.get("effectiveDate", "????")[:4]), 0) + 1

    def do_appropriation(self, p):
        iid = self.need_id(p, "indicatorId")
        year = p.get("fiscalYear")
        if not isinstance(year, int) or not 1990 <= year <= 2999:
            raise Refused("fiscalYear must be a year")
        unit = self.need_id(p, "unitCode")
        fund, kind = p.get("fundSource"), p.get("kind")
        if fund not in FUNDS or kind not in KINDS:
            raise Refused("fundSource/kind")
        fc = p.get("functionalCode")
        if not isinstance(fc, str) or not re.match(r"^\d{7}$", fc):
            raise Refused("functionalCode must be a 项 (7 digits)")
        ec = p.get("economicCode")
        if ec is not None and (not isinstance(ec, str) or not re.match(r"^\d{5}$", ec)):
            raise Refused("economicCode restriction must be a 款")
        self.text(p, "projectCode", False)
        self.text(p, "projectName", kind == "PROJECT")
        amount = self.amount(p, "amount", True, "not_negative")
        date = self.date(p)
        self.text(p, "documentRef", False)
        if fc not in self.functional:
            raise Refused("UNKNOWN_CODE functional %s" % fc)
        if ec is not None and ec not in self.economic:
            raise Refused("UNKNOWN_CODE economic %s" % ec)
        if unit not in self.units:
            raise Refused("UNKNOWN_CODE unit %s not registered" % unit)
        if int(date[:4]) != year:
            raise Refused("EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR %s" % date)
        self.receipt("APPROPRIATION", iid)
        if iid in self.ind:
            raise Refused("ID_CONFLICT indicator %s exists" % iid)
        attrs = {"fiscalYear": year, "unitCode": unit, "fundSource": fund, "functionalCode": fc, "kind": kind,
                 "projectCode": p.get("projectCode"), "projectName": p.get("projectName"), "economicCode": ec}
        ind = Indicator(iid, attrs)
        ind.opened_by = "appropriation"
        if p.get("initial", True) is False:
            ind.adjustments += amount
        else:
            ind.initial += amount
        self.ind[iid] = ind

    def do_adjustment(self, p):
        iid = self.need_id(p, "indicatorId")
        aid = self.need_id(p, "adjustmentId")
        amount = self.amount(p, "amount", True, "not_zero")
        self.text(p, "reason", True)
        date = self.date(p)
        self.text(p, "documentRef", False)
        self.receipt("ADJUSTMENT", aid)
        ind = self.get(iid)
        self.open_in_year(ind, date)
        if ind.authority() + amount < 0:
            raise Refused("BUDGET_BELOW_SPENT %s: authority %d, adjustment %d" % (iid, ind.authority(), amount))
        ind.adjustments += amount

    def do_transfer(self, p):
        tid = self.need_id(p, "transferId")
        src, dst = self.need_id(p, "fromIndicatorId"), self.need_id(p, "toIndicatorId")
        amount = self.amount(p, "amount", True, "positive")
        self.text(p, "reason", True)
        date = self.date(p)
        self.receipt("TRANSFER", tid)
        if src == dst:
            raise Refused("TRANSFER_NOT_ALLOWED same indicator")
        a, b = self.get(src), self.get(dst)
        self.open_in_year(a, date)
        if a.authority() < amount:
            raise Refused("BUDGET_EXCEEDED transfer out of %s" % src)
        if b.closed:
            raise Refused("INDICATOR_CLOSED %s" % dst)
        if a.year != b.year or a.attrs["unitCode"] != b.attrs["unitCode"]:
            raise Refused("TRANSFER_NOT_ALLOWED across units or years")
        a.adjustments -= amount
        b.adjustments += amount

    def do_income(self, p):
        iid = self.need_id(p, "indicatorId")
        nid = self.need_id(p, "incomeId")
        amount = self.amount(p, "amount", True, "positive")
        date = self.date(p)
        self.text(p, "description", False)
        self.receipt("INCOME", nid)
        ind = self.get(iid)
        self.open_in_year(ind, date)
        ind.income += amount

    def do_expenditure(self, p):
        eid = self.need_id(p, "expenditureId")
        iid = self.need_id(p, "indicatorId")
        amount = self.amount(p, "amount", True, "positive")
        ec = p.get("economicCode")
        if not isinstance(ec, str) or not re.match(r"^\d{5}$", ec):
            raise Refused("an expenditure carries an economic 款 (5 digits)")
        date = self.date(p)
        for f in ("voucherNo", "payee", "description"):
            self.text(p, f, False)
        if ec not in self.economic:
            raise Refused("UNKNOWN_CODE economic %s" % ec)
        self.receipt("EXPENDITURE", eid)
        ind = self.get(iid)
        if ind.closed:
            raise Refused("INDICATOR_CLOSED %s" % iid)
        if ind.attrs["economicCode"] is not None and ind.attrs["economicCode"] != ec:
            raise Refused("ECONOMIC_CODE_NOT_ALLOWED %s pays only %s, not %s" % (iid, ind.attrs["economicCode"], ec))
        self.open_in_year(ind, date)
        if ind.authority() < amount:
            raise Refused("BUDGET_EXCEEDED %s: authority left %d < %d" % (iid, ind.authority(), amount))
        ind.spent += amount
        ind.spent_by_econ[ec] = ind.spent_by_econ.get(ec, 0) + amount
        ind.expenditures[eid] = [ec, amount]
        self.expenditure_of[eid] = iid

    def do_reversal(self, p):
        eid = self.need_id(p, "expenditureId")
        rid = self.need_id(p, "reversalId")
        amount = self.amount(p, "amount", False, "positive")
        self.text(p, "reason", True)
        date = self.date(p)
        if eid not in self.expenditure_of:
            raise Refused("EXPENDITURE_NOT_FOUND %s" % eid)
        self.receipt("REVERSAL", rid)
        ind = self.ind[self.expenditure_of[eid]]
        if ind.closed:
            raise Refused("INDICATOR_CLOSED %s" % ind.id)
        self.open_in_year(ind, date)
        ec, left = ind.expenditures[eid]
        if amount is None:
            amount = left
        if amount <= 0 or amount > left:
            raise Refused("REVERSAL_EXCEEDS_EXPENDITURE %s" % eid)
        ind.expenditures[eid][1] -= amount
        ind.spent -= amount
        ind.spent_by_econ[ec] -= amount

    def do_carry_forward(self, p):
        iid = self.need_id(p, "indicatorId")
        target = self.need_id(p, "targetIndicatorId")
        carry = self.amount(p, "carryOverAmount", False, "not_negative")
        date = self.date(p)
        disp = p.get("surplusDisposition") or "CARRY"
        if disp not in ("CARRY", "RECAPTURE"):
            raise Refused("surplusDisposition")
        self.receipt("CARRY_FORWARD", iid)
        src = self.get(iid)
        self.open_in_year(src, date)
        balance = src.balance()
        carry = balance if carry is None else carry
        if balance < 0 or carry < 0 or carry > balance:
            raise Refused("CARRY_FORWARD_SPLIT_INVALID %s: balance %d, carry-over %d" % (iid, balance, carry))
        surplus = balance - carry
        if surplus > 0 and src.attrs["kind"] == "BASIC":
            raise Refused("SURPLUS_ON_BASIC_INDICATOR %s" % iid)
        if target == iid:
            raise Refused("CARRY_FORWARD_TARGET_INVALID")
        arrives = carry + surplus if disp == "CARRY" else carry
        nxt = src.next_year_attrs()
        if target in self.ind:
            t = self.ind[target]
            if t.closed:
                raise Refused("INDICATOR_CLOSED %s" % target)
            if t.attrs != nxt:
                raise Refused("CARRY_FORWARD_TARGET_INVALID %s is not next year's %s" % (target, iid))
        else:
            t = Indicator(target, nxt)
            t.opened_by = "carry-forward"
            self.ind[target] = t
        src.closed = True
        src.carried_over, src.surplus, src.recaptured = carry, surplus, (surplus if disp == "RECAPTURE" else 0)
        t.carried_in += arrives


# ------------------------------------------------------------------------------------------
# The report (docs/final-accounts.md)
# ------------------------------------------------------------------------------------------
def report(led, year, dept_units):
    inds = [i for i in led.ind.values() if i.year == year and i.attrs["unitCode"] in dept_units]
    appr = [i for i in inds if i.attrs["fundSource"] in APPROPRIATION_FUNDS]
    R = {"inds": inds}

    def closing(i):
        return i.carried_in + i.income - i.spent

    # 01
    t01 = {}
    income_names = [("GENERAL_BUDGET", "一般公共预算财政拨款收入"), ("GOVERNMENT_FUND", "政府性基金预算财政拨款收入"),
                    ("STATE_CAPITAL", "国有资本经营预算财政拨款收入"), ("SUPERIOR_SUBSIDY", "上级补助收入"),
                    ("BUSINESS", "事业收入"), ("OPERATING", "经营收入"), ("AFFILIATE", "附属单位上缴收入"),
                    ("OTHER", "其他收入")]
    for fund, name in income_names:
        t01[("income", name)] = sum(i.income for i in inds if i.attrs["fundSource"] == fund)
    t01[("income", "本年收入合计")] = sum(i.income for i in inds)
    t01[("income", "使用非财政拨款结余")] = 0
    t01[("income", "年初结转和结余")] = sum(i.carried_in for i in inds)
    t01[("income", "总计")] = t01[("income", "本年收入合计")] + t01[("income", "年初结转和结余")]
    for i in inds:
        if i.spent:
            key = ("expenditure", i.attrs["functionalCode"][:3])
            t01[key] = t01.get(key, 0) + i.spent
    t01[("expenditure", "本年支出合计")] = sum(i.spent for i in inds)
    t01[("expenditure", "结余分配")] = 0
    t01[("expenditure", "年末结转和结余")] = sum(closing(i) for i in inds)
    t01[("expenditure", "总计")] = t01[("expenditure", "本年支出合计")] + t01[("expenditure", "年末结转和结余")]
    R["01"] = t01

    def by_code(selected, columns):
        """{code: {column: fen}} over 类/款/项 (and '' for 合计), rows with a non-zero cell only."""
        rows = {}
        for i in selected:
            fc = i.attrs["functionalCode"]
            vals = columns(i)
            for code in ("", fc[:3], fc[:5], fc):
                r = rows.setdefault(code, {})
                for k, v in vals.items():
                    r[k] = r.get(k, 0) + v
        return {c: r for c, r in rows.items() if any(r.values())}

    fund_col = {"SUPERIOR_SUBSIDY": "superiorSubsidy", "BUSINESS": "business", "OPERATING": "operating",
                "AFFILIATE": "affiliate", "OTHER": "other"}

    def income_cols(i):
        c = {"total": i.income, "appropriation": 0, "superiorSubsidy": 0, "business": 0, "operating": 0,
             "affiliate": 0, "other": 0}
        if i.attrs["fundSource"] in APPROPRIATION_FUNDS:
            c["appropriation"] = i.income
        else:
            c[fund_col[i.attrs["fundSource"]]] = i.income
        return c

    kind_col = {"BASIC": "basic", "PROJECT": "project", "REMITTANCE_TO_SUPERIOR": "remittance",
                "OPERATING": "operatingExpense", "SUBSIDY_TO_AFFILIATES": "subsidy"}

    def spent_cols(i):
        c = {"total": i.spent, "basic": 0, "project": 0, "remittance": 0, "operatingExpense": 0, "subsidy": 0}
        c[kind_col[i.attrs["kind"]]] += i.spent
        return c

    R["02"] = by_code(inds, income_cols)
    R["03"] = by_code(inds, spent_cols)
    R["05"] = by_code([i for i in inds if i.attrs["fundSource"] == "GENERAL_BUDGET"],
                      lambda i: {k: v for k, v in spent_cols(i).items() if k in ("total", "basic", "project")})
    # 04
    t04 = {}
    fcols = {"GENERAL_BUDGET": "general", "GOVERNMENT_FUND": "fund", "STATE_CAPITAL": "capital"}

    def cols(selector):
        c = {"total": 0, "general": 0, "fund": 0, "capital": 0}
        for i in appr:
            v = selector(i)
            c["total"] += v
            c[fcols[i.attrs["fundSource"]]] += v
        return c

    for fund, line in (("GENERAL_BUDGET", 1), ("GOVERNMENT_FUND", 2), ("STATE_CAPITAL", 3)):
        t04[("income", line)] = cols(lambda i, f=fund: i.income if i.attrs["fundSource"] == f else 0)
    t04[("income", 27)] = cols(lambda i: i.income)
    t04[("income", 28)] = cols(lambda i: i.carried_in)
    for fund, line in (("GENERAL_BUDGET", 29), ("GOVERNMENT_FUND", 30), ("STATE_CAPITAL", 31)):
        t04[("income", line)] = cols(lambda i, f=fund: i.carried_in if i.attrs["fundSource"] == f else 0)
    t04[("income", 32)] = cols(lambda i: i.income + i.carried_in)
    for cls in sorted({i.attrs["functionalCode"][:3] for i in appr if i.spent}):
        t04[("expenditure", cls)] = cols(lambda i, c=cls: i.spent if i.attrs["functionalCode"][:3] == c else 0)
    t04[("expenditure", 59)] = cols(lambda i: i.spent)
    t04[("expenditure", 60)] = cols(closing)
    t04[("expenditure", 64)] = cols(lambda i: i.spent + closing(i))
    R["04"] = t04
    # 06
    t06 = {}
    for i in inds:
        if i.attrs["fundSource"] == "GENERAL_BUDGET" and i.attrs["kind"] == "BASIC":
            for ec, v in i.spent_by_econ.items():
                for code in (ec[:3], ec):
                    t06[code] = t06.get(code, 0) + v
    t06 = {c: v for c, v in t06.items() if v}
    t06["personnel"] = sum(v for c, v in t06.items() if len(c) == 3 and c in ("301", "303"))
    t06["public"] = sum(v for c, v in t06.items() if len(c) == 3 and c not in ("301", "303"))
    R["06"] = t06

    def fund_table(fund):
        sel = [i for i in inds if i.attrs["fundSource"] == fund]
        return by_code(sel, lambda i: {"carriedIn": i.carried_in, "income": i.income, "total": i.spent,
                                       "basic": i.spent if i.attrs["kind"] == "BASIC" else 0,
                                       "project": i.spent if i.attrs["kind"] == "PROJECT" else 0,
                                       "closing": closing(i)})

    R["07"] = fund_table("GOVERNMENT_FUND")
    R["08"] = fund_table("STATE_CAPITAL")
    # 09
    rows09 = {"合计": THREE_PUBLIC, "因公出国（境）费": ("30212",), "公务接待费": ("30217",),
              "公务用车购置及运行费": ("30231", "31013"), "公务用车运行维护费": ("30231",), "公务用车购置费": ("31013",)}
    t09 = {}
    for name, codes in rows09.items():
        budget = sum(i.initial + i.adjustments + i.carried_in for i in appr if i.attrs["economicCode"] in codes)
        actual = sum(v for i in appr for ec, v in i.spent_by_econ.items() if ec in codes)
        t09[name] = {"budget": budget, "actual": actual}
    R["09"] = t09
    # completion of the initial budget, per 项 (all indicators of the 项) and over 财政拨款
    items = {}
    for i in inds:
        r = items.setdefault(i.attrs["functionalCode"], {"spent": 0, "initial": 0})
        r["spent"] += i.spent
        r["initial"] += i.initial
    R["rates"] = items
    R["rate_groups"] = {
        "TOTAL": (sum(i.spent for i in appr), sum(i.initial for i in appr)),
        "BASIC": (sum(i.spent for i in appr if i.attrs["kind"] == "BASIC"),
                  sum(i.initial for i in appr if i.attrs["kind"] == "BASIC")),
        "PROJECT": (sum(i.spent for i in appr if i.attrs["kind"] == "PROJECT"),
                    sum(i.initial for i in appr if i.attrs["kind"] == "PROJECT")),
    }
    return R


# ------------------------------------------------------------------------------------------
# Comparison
# ------------------------------------------------------------------------------------------
class Reconciliation:
    def __init__(self):
        self.rows = []

    def cell(self, table, row, column, published, computed, tolerance=Decimal("0"), note=""):
        """published: Decimal (or None for 'no value'); computed: Decimal or None."""
        if published is None and computed is None:
            ok, diff = True, None
        elif published is None or computed is None:
            ok, diff = False, None
        else:
            diff = computed - published
            ok = abs(diff) <= tolerance
            if ok and diff != 0:
                note = note or "within %s" % tolerance
        self.rows.append((table, row, column, published, computed, diff, ok, note))

    def mismatches(self):
        return [r for r in self.rows if not r[6]]

    def print(self, quiet):
        print("%-7s %-44s %-14s %14s %14s %8s  %s" % ("table", "row", "column", "published", "computed", "diff", ""))
        for table, row, column, pub, com, diff, ok, note in self.rows:
            if quiet and ok and not note:
                continue
            print("%-7s %-44s %-14s %14s %14s %8s  %s%s" % (
                table, row[:44], column, "—" if pub is None else pub, "—" if com is None else com,
                "" if diff is None else diff, "ok" if ok else "MISMATCH", (" (" + note + ")") if note else ""))


def read_csv(ref, name):
    with open(os.path.join(ref, name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def code_list(name):
    """code -> name of a shipped list of 2024 (its # lines name the source)."""
    with open(os.path.join(CLASSIFICATION, name), encoding="utf-8") as f:
        return {r["code"]: r["name"] for r in csv.DictReader(line for line in f if not line.startswith("#"))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", default=os.path.join(ROOT, "ledger-api", "src", "test", "resources", "reference"),
                    help="the published tables as CSV (the test resources' copy)")
    ap.add_argument("--quiet", action="store_true", help="print only mismatches and tolerated cells")
    args = ap.parse_args()
    ref = args.reference

    functional = code_list("functional.csv")
    economic = code_list("economic.csv")
    units = json.load(open(UNITS_FILE, encoding="utf-8"))
    batch = json.load(open(BATCH_FILE, encoding="utf-8"))
    problems = []

    # --- the units file and the batch body
    unit_map = {}
    for u in units:
        if not all(isinstance(u.get(k), str) and u.get(k) for k in ("unitCode", "name", "departmentCode", "departmentName")):
            problems.append("unit without unitCode/name/departmentCode/departmentName: %r" % u)
            continue
        unit_map[u["unitCode"]] = u
    depts = {u["departmentCode"]: u["departmentName"] for u in unit_map.values()}
    dept = [c for c, n in depts.items() if "工业和信息化厅" in n]
    if len(dept) != 1:
        problems.append("exactly one department named …工业和信息化厅 expected, got %r" % depts)
        dept_units = set(unit_map)
    else:
        dept_units = {c for c, u in unit_map.items() if u["departmentCode"] == dept[0]}
    for name in ("辽宁省工业和信息化厅本级", "辽宁省无线电监测站"):
        if name not in {u["name"] for u in unit_map.values()}:
            problems.append("unit %s missing" % name)
    if set(batch) - {"atomic", "postings"} or batch.get("atomic") is not True:
        problems.append("the batch body must be {\"atomic\": true, \"postings\": [...]}")
    postings = batch.get("postings") or []
    if not 1 <= len(postings) <= 10_000:
        problems.append("a batch holds 1..10000 postings, not %d" % len(postings))

    # --- replay
    led = Ledger(set(unit_map), functional, economic)
    refused = 0
    for n, p in enumerate(postings):
        try:
            led.post(p)
        except Refused as e:
            # the service refuses the whole atomic batch; go on (skipping it) to show what else differs
            refused += 1
            if refused <= 20:
                problems.append("posting %d (%s %s) would be refused, and with it the atomic batch: %s" % (
                    n, p.get("type"), p.get("indicatorId") or p.get("expenditureId") or p.get("transferId"), e))
        except Exception as e:  # malformed posting
            refused += 1
            problems.append("posting %d is malformed: %r" % (n, e))
    if refused > 20:
        problems.append("... %d postings refused in all" % refused)

    rec = Reconciliation()
    R = report(led, YEAR, dept_units)
    # Readers (the acceptance check) wait until 01 总计 shows 35955.78 and then read the report; the
    # read model projects events in order, so the batch must end with the posting that completes
    # 总计: an income (or carry-in) of the year without which 总计 would not yet round to it.
    last = postings[-1] if postings else {}
    total = R["01"][("income", "总计")]
    completes = (last.get("type") == "INCOME" and last.get("indicatorId") in led.ind
                 and led.ind[last["indicatorId"]].year == YEAR
                 and wan(total - Ledger.amount(last, "amount", True, "positive")) != wan(total))
    if not completes:
        problems.append("the batch must end with the income that completes 01 总计 (readers wait for it)")
    R23 = report(led, YEAR - 1, dept_units)

    def fname(code):
        return functional.get(code, "?") if code else "合计"

    # 公开01表
    t01 = R["01"]
    for r in read_csv(ref, "t01-income-expenditure-summary.csv"):
        m = re.search(r"\((\d+)\)", r["item"])
        key = (r["side"], m.group(1)) if m else (r["side"], r["item"].strip())
        tol = Decimal("0.01") if m and ("01", m.group(1)) in TAIL_TOLERATED else Decimal("0")
        note = "seed contradiction: 公开03表 says %s" % {"208": "3510.10", "215": "29815.79"}[m.group(1)] \
            if tol and m else ""
        rec.cell("01", r["item"], "金额", dec(r["amount_wan"]), wan(t01.get(key, 0)), tol, note)
    published01 = {((r["side"], re.search(r"\((\d+)\)", r["item"]).group(1)) if re.search(r"\((\d+)\)", r["item"])
                    else (r["side"], r["item"].strip())) for r in read_csv(ref, "t01-income-expenditure-summary.csv")}
    for key, v in t01.items():
        if key not in published01 and v:
            rec.cell("01", "%s %s (not published)" % key, "金额", None, wan(v))

    # 公开02表 / 公开03表 / 公开05表
    def functional_table(tno, csvname, columns, rows):
        published = set()
        for r in read_csv(ref, csvname):
            code = r["code"]
            published.add(code)
            for col, field in columns:
                rec.cell(tno, "%s %s" % (code or "", fname(code)), col, dec(r[field]), wan(rows.get(code, {}).get(col, 0)))
        for code, cells in rows.items():
            if code not in published:
                rec.cell(tno, "%s %s (not published)" % (code, fname(code)), "total", None, wan(cells.get("total", 0)))

    functional_table("02", "t02-income-by-function.csv",
                     [("total", "total_income_wan"), ("appropriation", "appropriation_income_wan")], R["02"])
    for code, cells in R["02"].items():
        for col in ("superiorSubsidy", "business", "operating", "affiliate", "other"):
            if cells.get(col):
                rec.cell("02", "%s %s" % (code, fname(code)), col, Decimal("0.00"), wan(cells[col]))
    functional_table("03", "t03-expenditure-by-function.csv",
                     [("total", "total_wan"), ("basic", "basic_wan"), ("project", "project_wan")], R["03"])
    for code, cells in R["03"].items():
        for col in ("remittance", "operatingExpense", "subsidy"):
            if cells.get(col):
                rec.cell("03", "%s %s" % (code, fname(code)), col, Decimal("0.00"), wan(cells[col]))
    # 公开05表 = 公开03表 without 223 (README); its 合计 row is in the seed text: 33,950.93 / 8,251.70 / 25,699.23
    pub05 = {r["code"]: r for r in read_csv(ref, "t03-expenditure-by-function.csv") if not r["code"].startswith("223")}
    pub05[""] = {"code": "", "total_wan": "33950.93", "basic_wan": "8251.70", "project_wan": "25699.23"}
    for code, r in pub05.items():
        for col, field in (("total", "total_wan"), ("basic", "basic_wan"), ("project", "project_wan")):
            rec.cell("05", "%s %s" % (code, fname(code)), col, dec(r[field]), wan(R["05"].get(code, {}).get(col, 0)))
    for code in R["05"]:
        if code not in pub05:
            rec.cell("05", "%s (not published)" % code, "total", None, wan(R["05"][code]["total"]))

    # 公开04表
    t04 = R["04"]
    for r in read_csv(ref, "t04-appropriation-summary.csv"):
        side, line = r["side"], int(r["line_no"])
        m = re.search(r"\((\d+)\)", r["item"])
        key = (side, m.group(1)) if m else (side, line)
        cells = t04.get(key, {"total": 0, "general": 0, "fund": 0, "capital": 0})
        tol = Decimal("0.01") if m and ("04", m.group(1)) in TAIL_TOLERATED else Decimal("0")
        note = "seed contradiction: 公开03表 says %s" % {"208": "3510.10", "215": "29815.79"}[m.group(1)] \
            if tol and m else ""
        rec.cell("04", r["item"].strip(), "total", dec(r["total_wan"]), wan(cells["total"]), tol, note)
        if side == "expenditure":  # the income side of 公开04表 has one column only
            for col, field in (("general", "general_public_budget_wan"), ("fund", "government_fund_wan"),
                               ("capital", "state_capital_wan")):
                rec.cell("04", r["item"].strip(), col, dec(r[field]), wan(cells[col]),
                         tol if col == "general" else Decimal("0"), note if col == "general" else "")

    # 公开06表
    t06 = R["06"]
    published06 = set()
    for r in read_csv(ref, "t06-basic-expenditure-by-economic.csv"):
        key = r["code"]
        published06.add(key)
        rec.cell("06", "%s %s" % (r["code"], r["name"]), "决算数", dec(r["amount_wan"]), wan(t06.get(key, 0)))
    for code, v in t06.items():
        if code not in published06 and v:
            rec.cell("06", "%s %s (not published)" % (code, economic.get(code, "")), "决算数", None, wan(v))

    # 公开07表 (empty) and 公开08表
    rec.cell("07", "(table empty)", "rows", Decimal(0), Decimal(len(R["07"])))
    functional_table("08", "t08-state-capital.csv",
                     [("total", "total_wan"), ("basic", "basic_wan"), ("project", "project_wan")], R["08"])

    # 公开09表
    for r in read_csv(ref, "t09-three-public.csv"):
        got = R["09"][r["item"]]
        rec.cell("09", r["item"], "预算数", dec(r["budget_wan"]), wan(got["budget"]))
        rec.cell("09", r["item"], "决算数", dec(r["actual_wan"]), wan(got["actual"]))

    # 完成年初预算 (第二部分 二(二))
    for r in read_csv(ref, "initial-budget-completion.csv"):
        code = r["code"]
        if code.isdigit():
            got = R["rates"].get(code, {"spent": 0, "initial": 0})
            spent, initial = got["spent"], got["initial"]
        else:
            spent, initial = R["rate_groups"][code]
        rec.cell("完成年初预算", "%s %s" % (code, r["name"]), "支出", dec(r["expenditure_wan"]), wan(spent))
        want = r["completion_of_initial_budget_pct"]
        rec.cell("完成年初预算", "%s %s" % (code, r["name"]), "完成%", Decimal(want) if want else None, pct(spent, initial))

    # figures of the text that the postings determine
    s24, s23 = R["01"][("expenditure", "本年支出合计")], R23["01"][("expenditure", "本年支出合计")]
    t24, t23 = R["01"][("income", "总计")], R23["01"][("income", "总计")]
    c24, c23 = R["01"][("expenditure", "年末结转和结余")], R23["01"][("expenditure", "年末结转和结余")]
    appr24 = sum(i.income for i in R["inds"] if i.attrs["fundSource"] in APPROPRIATION_FUNDS)
    basic24 = R["03"].get("", {}).get("basic", 0)
    proj24 = R["03"].get("", {}).get("project", 0)
    pub24, pub23 = R["06"]["public"], R23["06"].get("public", 0)
    rec24, rec23 = R["09"]["公务接待费"]["actual"], R23["09"]["公务接待费"]["actual"]
    car24, car23 = R["09"]["公务用车购置及运行费"]["actual"], R23["09"]["公务用车购置及运行费"]["actual"]
    tp24, tp23 = R["09"]["合计"]["actual"], R23["09"]["合计"]["actual"]
    basic_initial = R["rate_groups"]["BASIC"][1]
    derived = {
        ("收入", "收入总计"): wan(t24),
        ("收入", "财政拨款收入占收入总计"): pct(appr24, t24),
        ("收入", "上年结转和结余占收入总计"): pct(R["01"][("income", "年初结转和结余")], t24),
        ("收入", "收入总计比上年增加"): wan(t24 - t23),
        ("收入", "收入总计比上年增长"): pct(t24 - t23, t23),
        ("支出", "支出总计"): wan(s24),
        ("支出", "基本支出"): wan(basic24),
        ("支出", "基本支出占支出总计"): pct(basic24, s24),
        ("支出", "项目支出"): wan(proj24),
        ("支出", "项目支出占支出总计"): pct(proj24, s24),
        ("支出", "支出比上年增加"): wan(s24 - s23),
        ("支出", "支出比上年增长"): pct(s24 - s23, s23),
        ("结转", "年末结转和结余"): wan(c24),
        ("结转", "年末结转和结余比上年减少"): wan(c23 - c24),
        ("结转", "年末结转和结余比上年下降"): pct(c23 - c24, c23),
        ("财政拨款", "财政拨款支出完成年初预算"): pct(*R["rate_groups"]["TOTAL"]),
        ("财政拨款", "基本支出完成年初预算"): pct(*R["rate_groups"]["BASIC"]),
        ("财政拨款", "项目支出完成年初预算"): pct(*R["rate_groups"]["PROJECT"]),
        ("三公", "三公经费决算"): wan(tp24),
        ("三公", "三公经费完成预算"): pct(tp24, R["09"]["合计"]["budget"]),
        ("三公", "公务接待费"): wan(rec24),
        ("三公", "公务接待费占三公"): pct(rec24, tp24),
        ("三公", "公务接待费完成预算"): pct(rec24, R["09"]["公务接待费"]["budget"]),
        ("三公", "公务接待费比上年增加"): wan(rec24 - rec23),
        ("三公", "公务接待费比上年增长"): pct(rec24 - rec23, rec23),
        ("三公", "公务接待批次"): Decimal(sum(1 for i in R["inds"] for e in i.expenditures.values()
                                         if e[0] == "30217" and e[1] > 0)),
        ("三公", "公务用车购置及运行维护费"): wan(car24),
        ("三公", "公务用车占三公"): pct(car24, tp24),
        ("三公", "公务用车完成预算"): pct(car24, R["09"]["公务用车购置及运行费"]["budget"]),
        ("三公", "公务用车比上年增加"): wan(car24 - car23),
        ("三公", "公务用车比上年增长"): pct(car24 - car23, car23),
        ("基本支出", "人员经费"): wan(R["06"]["personnel"]),
        ("基本支出", "公用经费"): wan(pub24),
        ("机关运行经费", "机关运行经费"): wan(pub24),
        ("机关运行经费", "机关运行经费比上年减少"): wan(pub23 - pub24),
        ("机关运行经费", "机关运行经费比上年下降"): pct(pub23 - pub24, pub23),
        ("整体绩效", "三公经费变动率"): (Decimal(tp24 - tp23) * 100 / Decimal(tp23)).quantize(Decimal("1"), ROUND_HALF_UP)
        if tp23 else None,
        ("整体绩效", "本级年初预算"): wan(basic_initial),
    }
    notes = {("整体绩效", "本级年初预算"): "as the department's basic initial budget",
             ("三公", "公务接待批次"): "payments on 30217"}
    skipped = []
    for r in read_csv(ref, "narrative-figures.csv"):
        key = (r["section"], r["figure"])
        if key in derived:
            rec.cell("正文", "%s %s" % key, r["unit"], Decimal(r["value"]), derived[key], note=notes.get(key, ""))
        else:
            skipped.append("%s %s = %s %s" % (r["section"], r["figure"], r["value"], r["unit"]))
    # 2023 itself (the published 2023 figures implied by the text)
    for label, published, computed in (
            ("2023 收入总计 (35955.78 - 6714.05)", Decimal("29241.73"), wan(t23)),
            ("2023 支出总计 (33951.97 - 7044.21)", Decimal("26907.76"), wan(s23)),
            ("2023 年末结转和结余", Decimal("2333.98"), wan(c23)),
            ("2023 转入2024 (年初结转和结余)", Decimal("992.06"), wan(R["01"][("income", "年初结转和结余")])),
            ("2023 三公经费", Decimal("20.69"), wan(tp23)),
            ("2023 公务接待费", Decimal("1.50"), wan(rec23)),
            ("2023 公务用车购置及运行费", Decimal("19.19"), wan(car23)),
            ("2023 公用经费 (机关运行经费)", Decimal("1022.69"), wan(pub23))):
        rec.cell("2023", label, "万元", published, computed)

    # --- report
    print("Reconciliation of the demo dataset with the published 2024 final accounts (万元)")
    print("data: %s, %s" % (os.path.relpath(UNITS_FILE, ROOT), os.path.relpath(BATCH_FILE, ROOT)))
    print()
    rec.print(args.quiet)
    print()
    print("Postings accepted by the replay: %d of %d" % (sum(led.counts.values()), len(postings)))
    for t in ("APPROPRIATION", "ADJUSTMENT", "TRANSFER", "INCOME", "EXPENDITURE", "REVERSAL", "CARRY_FORWARD"):
        print("  %-14s 2023: %5d   2024: %5d" % (t, led.counts.get((t, "2023"), 0), led.counts.get((t, "2024"), 0)))
    open24 = [i for i in led.ind.values() if i.year == YEAR]
    print("Indicators: 2023 %d (closed %d), 2024 %d (open %d)" % (
        sum(1 for i in led.ind.values() if i.year == YEAR - 1),
        sum(1 for i in led.ind.values() if i.year == YEAR - 1 and i.closed), len(open24),
        sum(1 for i in open24 if not i.closed)))
    inds23 = [i for i in led.ind.values() if i.year == YEAR - 1]
    print("2023 year end: balance %s 万元, carried into 2024 %s, taken back %s" % (
        wan(sum(i.balance() for i in inds23)), wan(sum(getattr(i, "carried_over", 0) for i in inds23)
                                                  + sum(getattr(i, "surplus", 0) - getattr(i, "recaptured", 0) for i in inds23)),
        wan(sum(getattr(i, "recaptured", 0) for i in inds23))))
    # projects: the names of the published project table, used on 2024 PROJECT indicators
    names = {}
    for i in sorted(open24, key=lambda i: (i.attrs["projectCode"] or "", i.id)):
        if i.attrs["kind"] == "PROJECT":
            key = (i.attrs["projectName"], unit_map[i.attrs["unitCode"]]["name"])
            names.setdefault(key, {}).setdefault(i.attrs["projectCode"] or i.id, []).append(i)
    print()
    print("Projects of the published table (budgets there include transfers to other levels; not compared):")
    missing = []
    for r in read_csv(ref, "projects-performance.csv"):
        by_code = names.get((r["project"], r["unit"]))
        # a name used twice (two 中小企业发展专项资金) stands for two projects, told apart by code
        got = by_code.pop(sorted(by_code)[0]) if by_code else None
        if not got:
            missing.append(r["project"])
            print("  %2s %-40s MISSING" % (r["no"], r["project"][:40]))
            continue
        b = sum(i.initial + i.adjustments + i.carried_in for i in got)
        print("  %2s %-40s published %10s / %10s   ledger %10s / %10s" % (
            r["no"], r["project"][:40], r["budget_wan"], r["executed_wan"], wan(b), wan(sum(i.spent for i in got))))
    for n in missing:
        problems.append("project %s is not the name of a 2024 PROJECT indicator of its unit" % n)
    print()
    print("Not derivable from postings (not compared): " + "; ".join(skipped))
    print()
    tolerated = [r for r in rec.rows if r[6] and r[7] and r[5]]
    for r in tolerated:
        print("tolerated: table %s %s [%s] published %s, computed %s (%s)" % (r[0], r[1], r[2], r[3], r[4], r[7]))
    mism = rec.mismatches()
    for p in problems:
        print("PROBLEM:", p)
    print("cells compared: %d, equal: %d, tolerated (seed contradiction 01/04 vs 03): %d, mismatches: %d" % (
        len(rec.rows), sum(1 for r in rec.rows if r[6] and not r[5]), len(tolerated), len(mism)))
    if mism or problems:
        print("FAILED")
        return 1
    print("OK: every published cell is reproduced")
    return 0


if __name__ == "__main__":
    sys.exit(main())
