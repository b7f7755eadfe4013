#!/usr/bin/env python3
"""Generates the demo dataset: the 2023 and 2024 postings of 辽宁省工业和信息化厅.

Writes (relative to the repository root):
  ledger-api/src/main/resources/demo/liaoning-miit-units.json   the four budget units
  ledger-api/src/main/resources/demo/liaoning-miit-2024.json    one atomic batch request body

Loaded into an empty ledger, the batch makes the year-end report of 2024 (docs/final-accounts.md)
reproduce the published 2024 final accounts (ledger-api/src/test/resources/reference) cell for cell, and the 2023 side
gives the year-on-year figures of the published text. Standard library only; deterministic (fixed
seed): running it twice writes the same bytes.

How it works:
 1. The department-level amounts that the published tables constrain (spending per 项 x economic
    款, income per 项, the carry-in, and the 2023 totals) are fixed exactly in 分: the published
    figure plus a few deviations (DEVIATION) that make the rounded totals come out as published.
    Every published cell is a window of +-0.005 万元 around its figure, the completion rates of the
    initial budget are windows on spending given the initial budgets chosen here (INITIAL), and
    the year-on-year changes link 2024 with 2023; Model.check proves every window before anything
    is written.
 2. Those amounts are spread over indicators (units, projects, 三公 limits), budget movements
    (initial budget, 追加/调减, 调剂, carry-in), income tranches and expenditures over the months,
    with a few red-letter reversals; spending is scheduled so that it never exceeds the authority
    left at its date in the batch order (无预算不支出).
 3. 2023 mirrors the structure at its own amounts; its year closes with CARRY_FORWARD postings
    dated 2023-12-31 (project surplus taken back, the rest carried into the 2024 indicators).

Run tools/demo-data/verify.py afterwards: an independent check of every published cell.
"""
import datetime as dt
import json
import math
import os
import random
import sys
from decimal import Decimal
from fractions import Fraction

SEED = 20241231
W = 1_000_000  # 分 in one 万元
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
OUT_DIR = os.path.join(ROOT, "ledger-api", "src", "main", "resources", "demo")
UNITS_FILE = os.path.join(OUT_DIR, "liaoning-miit-units.json")
BATCH_FILE = os.path.join(OUT_DIR, "liaoning-miit-2024.json")


def fen(wan):
    """'123.45' 万元 -> 分 (exact)."""
    return int((Decimal(str(wan)) * W).to_integral_exact())


def yuan(f):
    """分 -> amount string in 元 with two decimals."""
    sign = "-" if f < 0 else ""
    f = abs(f)
    return "%s%d.%02d" % (sign, f // 100, f % 100)


def window(wan):
    """The 分 amounts that round half-up to `wan` 万元 (0.01 万元 = 10000 分)."""
    c = fen(wan)
    return c - 5000, c + 4999


def rate_window(initial_fen, pct):
    """Spending S (分) for which 100*S/initial rounds half-up to pct (0.01 %)."""
    r = Fraction(Decimal(pct))
    lo = Fraction(initial_fen) * (r - Fraction(1, 200)) / 100
    hi = Fraction(initial_fen) * (r + Fraction(1, 200)) / 100
    return math.ceil(lo), math.ceil(hi) - 1


# ------------------------------------------------------------------------------------------
# Units
# ------------------------------------------------------------------------------------------
DEPT_CODE, DEPT_NAME = "060", "辽宁省工业和信息化厅"
U1, U2, U3, U4 = "060001", "060002", "060003", "060004"
UNITS = [
    (U1, "辽宁省工业和信息化厅本级"),
    (U2, "辽宁省工业和信息化发展研究院"),
    (U3, "辽宁省中小企业发展促进中心"),
    (U4, "辽宁省无线电监测站"),
]

# ------------------------------------------------------------------------------------------
# Published 2024 figures (万元), from ledger-api/src/test/resources/reference; verify.py reads the CSVs themselves.
# ------------------------------------------------------------------------------------------
T03 = {  # code: (total, basic, project)
    "208": ("3510.10", "3510.10", "0"), "20805": ("2846.56", "2846.56", "0"),
    "2080501": ("2373.01", "2373.01", "0"), "2080505": ("361.64", "361.64", "0"),
    "2080506": ("111.91", "111.91", "0"), "20808": ("663.54", "663.54", "0"),
    "2080801": ("657.85", "657.85", "0"), "2080802": ("5.69", "5.69", "0"),
    "210": ("230.77", "184.10", "46.67"), "21011": ("230.77", "184.10", "46.67"),
    "2101101": ("230.77", "184.10", "46.67"),
    "215": ("29815.79", "4163.24", "25652.55"), "21505": ("10242.00", "4163.24", "6078.76"),
    "2150501": ("4163.24", "4163.24", "0"), "2150508": ("5216.71", "0", "5216.71"),
    "2150599": ("862.05", "0", "862.05"), "21508": ("114.30", "0", "114.30"),
    "2150899": ("114.30", "0", "114.30"), "21599": ("19459.49", "0", "19459.49"),
    "2159999": ("19459.49", "0", "19459.49"),
    "221": ("393.49", "393.49", "0"), "22102": ("393.49", "393.49", "0"), "2210201": ("393.49", "393.49", "0"),
    "223": ("1.04", "0", "1.04"), "22301": ("1.04", "0", "1.04"), "2230199": ("1.04", "0", "1.04"),
    "229": ("0.78", "0.78", "0"), "22999": ("0.78", "0.78", "0"), "2299999": ("0.78", "0.78", "0"),
    "": ("33951.97", "8251.70", "25700.27"),
}
T02 = {
    "": "34963.73", "201": "14.70", "20103": "14.70", "2010350": "14.70",
    "208": "3641.31", "20805": "2968.21", "2080501": "2480.64", "2080502": "1.10", "2080505": "374.56",
    "2080506": "111.91", "20808": "673.10", "2080801": "664.50", "2080802": "8.60",
    "210": "236.35", "21011": "236.35", "2101101": "236.35",
    "215": "30665.54", "21505": "10871.07", "2150501": "4228.66", "2150508": "5737.00", "2150550": "43.00",
    "2150599": "862.41", "21508": "119.50", "2150899": "119.50", "21599": "19674.97", "2159999": "19674.97",
    "221": "404.00", "22102": "404.00", "2210201": "404.00",
    "223": "1.04", "22301": "1.04", "2230199": "1.04", "229": "0.78", "22999": "0.78", "2299999": "0.78",
}
T06 = {
    "301": "4390.08", "30101": "953.08", "30102": "744.41", "30103": "1297.53", "30108": "361.64",
    "30109": "111.91", "30110": "121.86", "30111": "62.24", "30112": "4.56", "30113": "393.49", "30199": "339.38",
    "303": "2948.23", "30301": "710.13", "30302": "1562.07", "30304": "663.54", "30305": "10.40", "30399": "2.10",
    "302": "902.62", "30201": "24.62", "30202": "53.01", "30203": "5.50", "30205": "6.43", "30206": "19.40",
    "30207": "90.76", "30208": "28.73", "30209": "45.93", "30211": "111.43", "30213": "40.82", "30214": "2.53",
    "30215": "12.19", "30216": "4.78", "30217": "2.32", "30226": "0.20", "30227": "19.35", "30228": "34.70",
    "30231": "21.71", "30239": "187.66", "30299": "190.54",
    "310": "9.98", "31002": "9.98", "312": "0.78", "31299": "0.78",
}
PERSONNEL_TOTAL, PUBLIC_TOTAL = "7338.32", "913.38"

# Initial budgets per 项 (万元) and the published completion rates they must give.
INITIAL = {  # item: (initial 万元, 完成年初预算 %)
    "2080501": ("2393.35", "99.15"), "2080505": ("374.56", "96.55"), "2080506": ("54.00", "207.24"),
    "2080801": ("664.50", "99.00"), "2080802": ("8.60", "66.16"), "2101101": ("189.68", "121.66"),
    "2150501": ("3213.46", "129.56"), "2150508": ("5609.30", "93.00"), "2150599": ("318.01", "271.08"),
    "2150899": ("119.50", "95.65"), "2159999": ("737.86", "2637.29"), "2210201": ("404.00", "97.40"),
}
BASIC_ITEMS_WITH_INITIAL = ["2080501", "2080505", "2080506", "2080801", "2080802", "2101101", "2150501", "2210201"]
PROJECT_ITEMS_WITH_INITIAL = ["2150508", "2150599", "2150899", "2159999"]
RATE_TOTAL, RATE_BASIC, RATE_PROJECT = "241.02", "113.00", "378.80"

# 三公 (exact, 分): 2024 spending and the 2023 comparison (公务接待 +0.82 万元 / +54.80 %,
# 公务用车 +2.52 万元 / +13.15 %, 2023 total 20.69 万元).
RECEPTION_2024, CARS_2024 = 2_320_000, 21_711_200
RECEPTION_2023, CARS_2023 = 1_498_708, 19_188_000
RECEPTION_BUDGET, CARS_BUDGET_U1, CARS_BUDGET_U4 = fen("3.00"), fen("20.00"), fen("8.00")

# Basic spending of 离退休 (2080501) on 商品和服务支出 (its share of each published 302 款; free split).
RETIREE_302 = {"30201": "3.00", "30207": "2.50", "30208": "12.00", "30211": "1.80", "30239": "25.00", "30299": "44.01"}

# Carry-in of 2024 (万元): 中央无线电监管经费 and 省本级信息化建设项目 fixed, 数字辽宁 the rest of 992.06.
CARRY_ZY, CARRY_XXH = fen("133.30"), fen("5.44")


# Deviations (分) of the exact amounts from the published figures. Each published cell is rounded
# on its own, so the exact amounts cannot all sit on the published figures: the rows of 公开06表
# add up to 0.02 more than 301 (4390.10 vs 4390.08) and 0.01 more than 303, 0.01 less than 302;
# 人员经费合计 7338.32 is 0.01 more than 301 + 303; the basic (8251.71) and project (25700.26) rows of
# 公开03表 miss their totals by 0.01; 公开02表's rows add up to 34963.72 against 34963.73; and the
# year-end balance 2003.82 = 992.06 + 34963.73 - 33951.97 only holds with total spending in the
# lower and total funds in the upper half of their windows. Worked out by hand; every window is
# checked exactly below (Model.check).
DEVIATION = {
    # 工资福利支出 (301) -0.0155 and 对个人和家庭的补助 (303) -0.0055: 人员经费 7338.3190
    ("S", "2150501", "30101"): -4000, ("S", "2150501", "30102"): -4000, ("S", "2150501", "30103"): -4000,
    ("S", "2150501", "30199"): -3500,
    ("S", "2080501", "30301"): -3000, ("S", "2080501", "30302"): -2500,
    # 商品和服务支出 (302) +0.0120 (with 公务用车 21.7112): 公用经费 913.3820
    ("S", "2150501", "30207"): 4000, ("S", "2150501", "30299"): 3000, ("S", "2150501", "30211"): 2800,
    ("S", "2080501", "30299"): 1000,
    # projects +0.0060 (公开03表 215 项目支出 only takes +0.0049): 项目支出 25700.2660, 支出合计 33951.9670
    ("S", "2150508", "P"): 1000, ("S", "2150599", "P"): 1000, ("S", "2150899", "P"): 1000,
    ("S", "2159999", "P"): 1000, ("S", "2101101", "P"): 2000,
    # income +0.0065: 本年收入合计 34963.7265; carry-in 992.0570; 总计 35955.7835; 年末 2003.8165
    ("I", "2080506"): 2000, ("I", "2150508"): 2000, ("I", "2150599"): 500, ("I", "2159999"): 2000,
    ("C",): -3000,
    # 2023: 支出 26907.7560, 收入总计 29241.7330 (年末 2333.9770), 公用经费 1022.6900
    ("S23",): -4000, ("T23",): 3000, ("P23",): 0,
}


# ------------------------------------------------------------------------------------------
# 1. The exact department-level amounts, checked against every published window
# ------------------------------------------------------------------------------------------
class Model:
    """Integer amounts (分) with bounds, and interval constraints on sums of them."""

    def __init__(self):
        self.lo, self.hi, self.center = {}, {}, {}
        self.cons = []  # (label, [(var, coef)], lo, hi)

    def var(self, name, lo, hi, center=None):
        self.lo[name], self.hi[name] = lo, hi
        self.center[name] = min(max(center if center is not None else (lo + hi + 1) // 2, lo), hi)

    def fixed(self, name, value):
        self.var(name, value, value, value)

    def con(self, label, terms, lo, hi, const=0):
        terms = [(v, c) for v, c in terms]
        for v, _ in terms:
            assert v in self.lo, v
        self.cons.append((label, terms, None if lo is None else lo - const, None if hi is None else hi - const))

    def check(self, x):
        bad = []
        for v in self.lo:
            if not self.lo[v] <= x[v] <= self.hi[v]:
                bad.append("%s = %d outside [%d, %d]" % (v, x[v], self.lo[v], self.hi[v]))
        for label, terms, lo, hi in self.cons:
            s = sum(c * x[v] for v, c in terms)
            if not ((lo is None or s >= lo) and (hi is None or s <= hi)):
                bad.append("%s: %d not in [%s, %s]" % (label, s, lo, hi))
        if bad:
            raise SystemExit("the amounts miss published windows:\n  " + "\n  ".join(bad))


def solve_department():
    """The exact department-level amounts: {("S", 项, 款 or "P"): spent, ("I", 项): income,
    ("C",): carried into 2024, ("S23",), ("T23",), ("P23",): 2023 spending, funds and 公用经费}."""
    m = Model()
    spend = []  # (var, item, econ or 'P', basic?)
    personnel_items = {"30101": "2150501", "30102": "2150501", "30103": "2150501", "30112": "2150501",
                       "30199": "2150501", "30108": "2080505", "30109": "2080506", "30110": "2101101",
                       "30111": "2101101", "30113": "2210201", "30301": "2080501", "30302": "2080501",
                       "30305": "2080501", "30399": "2080501"}
    for econ, item in personnel_items.items():
        v = ("S", item, econ)
        m.var(v, *window(T06[econ]), fen(T06[econ]))
        spend.append((v, item, econ, True))
    for item, wan in (("2080801", "657.85"), ("2080802", "5.69")):
        v = ("S", item, "30304")
        m.var(v, *window(wan), fen(wan))
        spend.append((v, item, "30304", True))
    for econ in [e for e in T06 if e.startswith("302") and len(e) == 5]:
        if econ in RETIREE_302:
            v = ("S", "2080501", econ)
            c = fen(RETIREE_302[econ])
            m.var(v, c - 500_000, c + 500_000, c)
            spend.append((v, "2080501", econ, True))
            v = ("S", "2150501", econ)
            c = fen(T06[econ]) - c
            m.var(v, c - 500_000, c + 500_000, c)
            spend.append((v, "2150501", econ, True))
        elif econ == "30217":
            m.fixed(("S", "2150501", econ), RECEPTION_2024)
            spend.append((("S", "2150501", econ), "2150501", econ, True))
        elif econ == "30231":
            m.fixed(("S", "2150501", econ), CARS_2024)
            spend.append((("S", "2150501", econ), "2150501", econ, True))
        else:
            v = ("S", "2150501", econ)
            m.var(v, *window(T06[econ]), fen(T06[econ]))
            spend.append((v, "2150501", econ, True))
    m.var(("S", "2150501", "31002"), *window("9.98"), fen("9.98"))
    spend.append((("S", "2150501", "31002"), "2150501", "31002", True))
    m.fixed(("S", "2299999", "31299"), fen("0.78"))
    spend.append((("S", "2299999", "31299"), "2299999", "31299", True))
    for item in ("2101101", "2150508", "2150599", "2150899", "2159999", "2230199"):
        v = ("S", item, "P")
        if item == "2230199":
            m.fixed(v, fen(T03[item][2]))
        else:
            m.var(v, *window(T03[item][2]), fen(T03[item][2]))
        spend.append((v, item, "P", False))

    income = {}
    fixed_income = {"2230199", "2299999", "2080505", "2080801", "2080802", "2210201", "2150899", "2101101",
                    "2080501", "2150501", "2010350", "2080502", "2150550"}
    for item in [c for c in T02 if len(c) == 7]:
        v = ("I", item)
        if item in fixed_income:
            m.fixed(v, fen(T02[item]))
        else:
            m.var(v, *window(T02[item]), fen(T02[item]))
        income[item] = v
    m.var(("C",), *window("992.06"), fen("992.06"))
    m.var(("S23",), *window("26907.76"), fen("26907.76"))
    m.var(("T23",), *window("29241.73"), fen("29241.73"))
    m.var(("P23",), *window("1022.69"), fen("1022.69"))

    S_all = [(v, 1) for v, _, _, _ in spend]
    S_basic = [(v, 1) for v, _, _, b in spend if b]
    S_proj = [(v, 1) for v, _, _, b in spend if not b]
    I_all = [(v, 1) for v in income.values()]
    I_gb = [(v, 1) for i, v in income.items() if i != "2230199"]
    P24 = [(v, 1) for v, _, e, b in spend if b and not (e.startswith("301") or e.startswith("303"))]

    # 公开03表
    for code, (tot, bas, pro) in T03.items():
        sel = [(v, b) for v, item, _, b in spend if item.startswith(code)]
        m.con("t03 %s total" % code, [(v, 1) for v, _ in sel], *window(tot))
        if any(b for _, b in sel):
            m.con("t03 %s basic" % code, [(v, 1) for v, b in sel if b], *window(bas))
        if any(not b for _, b in sel):
            m.con("t03 %s project" % code, [(v, 1) for v, b in sel if not b], *window(pro))
    # 公开06表
    for code, wan in T06.items():
        sel = [(v, 1) for v, _, e, b in spend if b and e.startswith(code)]
        m.con("t06 %s" % code, sel, *window(wan))
    m.con("t06 人员经费合计", [(v, 1) for v, _, e, b in spend if b and e[:3] in ("301", "303")], *window(PERSONNEL_TOTAL))
    m.con("t06 公用经费合计", P24, *window(PUBLIC_TOTAL))
    # 公开02表
    for code, wan in T02.items():
        m.con("t02 %s" % code, [(v, 1) for i, v in income.items() if i.startswith(code)], *window(wan))
    m.con("t01 一般公共预算财政拨款收入", I_gb, *window("34962.69"))
    # 公开01/04表: totals, carry-in and year-end balance
    m.con("t01 总计", I_all + [(("C",), 1)], *window("35955.78"))
    m.con("t01 年末结转和结余", I_all + [(("C",), 1)] + [(v, -1) for v, _ in S_all], *window("2003.82"))
    m.con("t04 一般公共预算 总计", I_gb + [(("C",), 1)], *window("35954.74"))
    m.con("t04 一般公共预算 本年支出合计", [(v, 1) for v, item, _, _ in spend if item != "2230199"], *window("33950.93"))
    # 完成年初预算: per 项, and basic / project / all
    for item, (ini, pct) in INITIAL.items():
        m.con("rate %s" % item, [(v, 1) for v, it, _, _ in spend if it == item], *rate_window(fen(ini), pct))
    n_basic = sum(fen(INITIAL[i][0]) for i in BASIC_ITEMS_WITH_INITIAL)
    n_proj = sum(fen(INITIAL[i][0]) for i in PROJECT_ITEMS_WITH_INITIAL)
    m.con("rate BASIC", S_basic, *rate_window(n_basic, RATE_BASIC))
    m.con("rate PROJECT", S_proj, *rate_window(n_proj, RATE_PROJECT))
    m.con("rate TOTAL", S_all, *rate_window(n_basic + n_proj, RATE_TOTAL))
    # every 项 closes with a balance >= 0 (carried in + income - spent)
    carry_const = {"2150508": CARRY_ZY, "2150599": CARRY_XXH, "2159999": -(CARRY_ZY + CARRY_XXH)}
    for item, v in income.items():
        terms = [(v, 1)] + [(s, -1) for s, it, _, _ in spend if it == item]
        if item == "2159999":
            terms.append((("C",), 1))
        m.con("closing %s >= 0" % item, terms, 0, None, carry_const.get(item, 0))
    # 2023 and the year-on-year figures of the text
    m.con("2023 年末结转和结余", [(("T23",), 1), (("S23",), -1)], *window("2333.98"))
    m.con("支出比上年增加", S_all + [(("S23",), -1)], *window("7044.21"))
    m.con("收入总计比上年增加", I_all + [(("C",), 1), (("T23",), -1)], *window("6714.05"))
    m.con("年末结转和结余比上年减少", [(("T23",), 1), (("S23",), -1), (("C",), -1)] + [(v, -1) for v in income.values()]
          + S_all, *window("330.16"))
    m.con("2023 收回 >= 0", [(("T23",), 1), (("S23",), -1), (("C",), -1)], 0, None)
    m.con("机关运行经费比上年减少", [(("P23",), 1)] + [(v, -1) for v, _ in P24], *window("109.31"))

    x = {v: c + (0 if m.lo[v] == m.hi[v] else DEVIATION.get(v, 0)) for v, c in m.center.items()}
    m.check(x)
    return x


# ------------------------------------------------------------------------------------------
# Helpers for splitting exact amounts
# ------------------------------------------------------------------------------------------
def split_int(total, weights, unit=1):
    """Splits an integer total into parts proportional to weights (largest remainder), in multiples
    of `unit` when the total is one."""
    if total % unit:
        unit = 1
    n = total // unit
    wsum = sum(weights)
    raw = [Fraction(n) * Fraction(w) / Fraction(wsum) if wsum else Fraction(0) for w in weights]
    base = [math.floor(r) for r in raw]
    rest = n - sum(base)
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[:rest]:
        base[i] += 1
    return [b * unit for b in base]


def split_with_minimum(total, mins, weights, unit=10_000):
    """Parts >= mins (each), summing to total, the rest proportional to weights."""
    if total % unit or sum(-(-m_ // unit) * unit for m_ in mins) > total:
        unit = 1
    base = [-(-m_ // unit) * unit for m_ in mins]
    rest = total - sum(base)
    assert rest >= 0, (total, mins)
    extra = split_int(rest, weights, unit)
    return [b + e for b, e in zip(base, extra)]


def round100(f):
    """To a multiple of 100 元 (10000 分)."""
    return int(round(f / 10_000.0)) * 10_000


def ceil100(f):
    return -(-f // 10_000) * 10_000


# ------------------------------------------------------------------------------------------
# Indicators and postings
# ------------------------------------------------------------------------------------------
class Ind:
    def __init__(self, iid, year, unit, fund, item, kind, pcode=None, pname=None, econ=None, title=""):
        self.id, self.year, self.unit, self.fund, self.item, self.kind = iid, year, unit, fund, item, kind
        self.pcode, self.pname, self.econ, self.title = pcode, pname, econ, title
        self.N = 0              # initial budget (分)
        self.opening = None     # ("initial"|"midyear", date) or ("carry",)
        self.B = 0              # budget of the year without carry-in: initial + adjustments + transfers
        self.C = 0              # carried in from last year
        self.spend = {}         # economic 款 -> 分 (net)
        self.I = 0              # income
        self.moves = []         # (date, amount, kind, reason): budget movements after the opening
        self.target = None      # next year's indicator (for carry-forward)
        self.carry = 0          # carried over at year end
        self.recapture = 0      # surplus taken back at year end

    def S(self):
        return sum(self.spend.values())

    def attrs(self):
        return (self.unit, self.fund, self.item, self.kind, self.pcode, self.pname, self.econ)


PROJECTS = {  # key: (name, item, unit, fund, code)
    "YDRZ": ("异地任职省管干部临时租赁房屋经费", "2159999", U1, "GENERAL_BUDGET", "21000022Y000000173605"),
    "HYGL": ("工业相关行业管理工作经费", "2150599", U1, "GENERAL_BUDGET", "21000021Y000000106218"),
    "ZXPY": ("中小企业培育工作经费", "2150899", U1, "GENERAL_BUDGET", "21000022Y000000173811"),
    "ZHJS": ("工业企业展会及技能大赛经费", "2150599", U1, "GENERAL_BUDGET", "21000023Y000000240517"),
    "CYXM": ("工信产业项目管理经费", "2150599", U1, "GENERAL_BUDGET", "21000022Y000000173729"),
    "SJWX": ("省级无线电管理经费", "2150508", U1, "GENERAL_BUDGET", "21000021Y000000106147"),
    "ZYWX": ("中央无线电监管经费", "2150508", U1, "GENERAL_BUDGET", "21000021Y000000106152"),
    "XXJS": ("省本级信息化建设项目", "2150599", U1, "GENERAL_BUDGET", "21000023Y000000240633"),
    "XXYW": ("省本级信息化运行维护项目", "2150599", U1, "GENERAL_BUDGET", "21000023Y000000240648"),
    "QQGZ": ("省工信厅项目前期工作资金", "2159999", U1, "GENERAL_BUDGET", "21000024Y000000318402"),
    "ZXQA": ("中小企业发展专项资金", "2159999", U1, "GENERAL_BUDGET", "21000023Y000000251904"),
    "QNF": ("省直特困企业离休干部冬季取暖费", "2230199", U1, "STATE_CAPITAL", "21000021Y000000106391"),
    "SYCB": ("省级食盐储备专项", "2159999", U1, "GENERAL_BUDGET", "21000021Y000000106274"),
    "SZLN": ("数字辽宁智造强省专项资金", "2159999", U1, "GENERAL_BUDGET", "21000022Y000000174026"),
    "ZXQB": ("中小企业发展专项资金", "2159999", U1, "GENERAL_BUDGET", "21000024Y000000329117"),
    "ZYCZ": ("中央财政无线电管理经费", "2150508", U1, "GENERAL_BUDGET", "21000024Y000000320056"),
    "JNJP": ("节能减排补助资金项目（新能源汽车购置补贴、节能与新能源公交车运营补助）", "2159999", U1,
             "GENERAL_BUDGET", "21000023Y000000252210"),
    "WXZC": ("中央无线电监管经费支出项目", "2150508", U4, "GENERAL_BUDGET", "21000024Y000000330785"),
    "GZYL": ("离退休干部干诊医疗经费", "2101101", U1, "GENERAL_BUDGET", "21000022Y000000173552"),
}
PROJECTS_2023 = ["YDRZ", "HYGL", "ZXPY", "ZHJS", "CYXM", "SJWX", "ZYWX", "XXJS", "XXYW", "ZXQA", "QNF", "SYCB",
                 "SZLN", "JNJP", "GZYL"]

# Basic indicators: key -> (item, unit, restriction, title)
BASIC = {
    "LTX-U1": ("2080501", U1, None, "离退休人员经费"), "LTX-U4": ("2080501", U4, None, "离退休人员经费"),
    "YLBX-U1": ("2080505", U1, None, "机关事业单位基本养老保险缴费"), "YLBX-U4": ("2080505", U4, None, "机关事业单位基本养老保险缴费"),
    "ZYNJ-U1": ("2080506", U1, None, "职业年金缴费"), "ZYNJ-U4": ("2080506", U4, None, "职业年金缴费"),
    "SWFX-U1": ("2080801", U1, None, "死亡抚恤"), "SCFX-U1": ("2080802", U1, None, "伤残抚恤"),
    "YLYB-U1": ("2101101", U1, None, "行政单位医疗"), "YLYB-U4": ("2101101", U4, None, "行政单位医疗"),
    "RYJF-U1": ("2150501", U1, None, "人员经费"), "RYJF-U4": ("2150501", U4, None, "人员经费"),
    "GYJF-U1": ("2150501", U1, None, "公用经费"), "GYJF-U4": ("2150501", U4, None, "公用经费"),
    "GWJD-U1": ("2150501", U1, "30217", "公务接待费"),
    "GWYC-U1": ("2150501", U1, "30231", "公务用车运行维护费"), "GWYC-U4": ("2150501", U4, "30231", "公务用车运行维护费"),
    "ZFGJJ-U1": ("2210201", U1, None, "住房公积金"), "ZFGJJ-U4": ("2210201", U4, None, "住房公积金"),
    # 2024 only (mid-year, after the 2024 institutional reform)
    "QTZC-U1": ("2299999", U1, None, "特困离休干部公用经费"),
    "SYYX-U2": ("2150550", U2, None, "事业运行经费"), "SYLTX-U2": ("2080502", U2, None, "事业单位离退休经费"),
    "SYYX-U3": ("2010350", U3, None, "事业运行经费"),
}
BASIC_2024_ONLY = {"QTZC-U1", "SYYX-U2", "SYLTX-U2", "SYYX-U3"}

# How a basic 项 x 款 is shared between units (the rest of the leaf goes to U1).
U4_SHARE = {"2080501": 0.07, "2080505": 0.14, "2080506": 0.14, "2101101": 0.14, "2210201": 0.14}
PERSONNEL_U4_SHARE, PUBLIC_U4_SHARE, CARS_U4_SHARE = 0.14, 0.22, 0.30


def basic_key(item, econ, unit):
    """Which basic indicator pays a 项 x 款 for a unit."""
    u = "U1" if unit == U1 else "U4"
    if item == "2150501":
        if econ == "30217":
            return "GWJD-U1"
        if econ == "30231":
            return "GWYC-" + u
        return ("RYJF-" if econ.startswith("301") else "GYJF-") + u
    for key, (it, un, restr, _) in BASIC.items():
        if it == item and un == unit and restr is None:
            return key
    raise KeyError((item, econ, unit))


def spread_basic_leaf(item, econ, amount):
    """Splits a department-level basic leaf between 本级 and 无线电监测站."""
    if item == "2150501":
        share = CARS_U4_SHARE if econ == "30231" else (
            0 if econ == "30217" else (PERSONNEL_U4_SHARE if econ.startswith("301") else PUBLIC_U4_SHARE))
    elif econ == "30301" or item not in U4_SHARE:
        share = 0
    else:
        share = U4_SHARE[item]
    if share == 0:
        return {U1: amount}
    u4 = int(round(amount * share))
    return {U1: amount - u4, U4: u4}


# Economic 款 of project spending (weights).
PROJECT_ECON = {
    "YDRZ": {"30214": 1},
    "HYGL": {"30227": 6, "30215": 1, "30211": 1, "30202": 1, "30203": 1},
    "ZXPY": {"30227": 5, "30215": 2, "30216": 2, "30202": 1},
    "ZHJS": {"30227": 4, "30299": 4, "30214": 2},
    "CYXM": {"30227": 5, "30203": 3, "30215": 1, "30211": 1},
    "SJWX": {"30213": 3, "30227": 3, "30202": 0.5, "30215": 0.5, "30216": 1, "31003": 2},
    "ZYWX": {"31003": 35, "30213": 15, "30227": 20, "31007": 12, "30211": 3, "30226": 3, "30207": 5, "30209": 2,
             "30206": 3, "30218": 2},
    "XXJS": {"31007": 7, "30227": 2, "31002": 1},
    "XXYW": {"30213": 6, "30227": 4},
    "QQGZ": {"30227": 7, "30203": 3},
    "ZXQA": {"31299": 8, "31204": 2},
    "QNF": {"30399": 1},
    "SYCB": {"31204": 1},
    "SZLN": {"31299": 12, "31204": 4, "30227": 3, "30203": 1},
    "ZXQB": {"31299": 1},
    "ZYCZ": {"31003": 6, "31007": 4},
    "JNJP": {"31299": 7, "31204": 3},
    "WXZC": {},
    "GZYL": {"30307": 1},
}

ECON_TEXT = {  # 款: (description, payee)
    "30101": ("在职人员基本工资", "在职职工（工资统发）"), "30102": ("在职人员津贴补贴", "在职职工（工资统发）"),
    "30103": ("年终一次性奖金及绩效奖励", "在职职工（工资统发）"),
    "30108": ("单位缴纳基本养老保险费", "辽宁省社会保险事业服务中心"),
    "30109": ("单位缴纳职业年金（记实）", "辽宁省社会保险事业服务中心"),
    "30110": ("单位缴纳职工基本医疗保险费", "辽宁省医疗保障事务服务中心"),
    "30111": ("公务员医疗补助缴费", "辽宁省医疗保障事务服务中心"),
    "30112": ("工伤、生育保险等其他社会保障缴费", "辽宁省社会保险事业服务中心"),
    "30113": ("单位缴存住房公积金", "沈阳住房公积金管理中心"),
    "30199": ("其他工资福利支出（临聘人员工资等）", "在职职工及临聘人员"),
    "30301": ("离休费", "离休干部（离休费统发）"), "30302": ("退休费", "退休人员（退休费统发）"),
    "30304": ("一次性抚恤金及丧葬费", "去世人员家属"), "30305": ("生活补助", "离退休人员遗属"),
    "30307": ("离休干部干诊医疗费用", "定点医疗机构"), "30399": ("其他对个人和家庭的补助", "离退休人员"),
    "30201": ("办公用品购置", "办公用品供应商"), "30202": ("资料印刷费", "印刷服务公司"),
    "30203": ("专家咨询费", "咨询专家"), "30205": ("办公楼水费", "沈阳水务集团"),
    "30206": ("办公楼电费", "国网沈阳供电公司"), "30207": ("通信及网络费", "通信运营商"),
    "30208": ("供暖费", "供热公司"), "30209": ("物业管理费", "物业服务公司"), "30211": ("差旅费", "出差人员"),
    "30213": ("设备及办公用房维修（护）费", "维修服务单位"), "30214": ("租赁费", "房屋/场地出租方"),
    "30215": ("会议费", "会议承办单位"), "30216": ("培训费", "培训承办单位"), "30217": ("国内公务接待", "接待单位"),
    "30218": ("专用材料费", "材料供应商"), "30226": ("劳务费", "劳务人员"), "30227": ("委托业务费", "受托单位"),
    "30228": ("工会经费拨缴", "机关工会"), "30231": ("公务用车燃油、维修、保险及过路费", "车辆服务单位"),
    "30239": ("公务交通补贴", "在职职工"), "30299": ("其他商品和服务支出", "服务单位"),
    "31002": ("办公设备购置", "政府采购中标供应商"), "31003": ("无线电监测专用设备购置", "政府采购中标供应商"),
    "31007": ("信息网络及软件购置更新", "政府采购中标供应商"), "31204": ("费用补贴", "补助企业"),
    "31299": ("企业奖补资金", "补助企业"),
}


# ------------------------------------------------------------------------------------------
# Scheduling: payments over the months, never beyond the authority left
# ------------------------------------------------------------------------------------------
class Payment:
    __slots__ = ("ind", "econ", "amount", "date", "reversal", "eid", "desc", "payee")

    def __init__(self, ind, econ, amount, date):
        self.ind, self.econ, self.amount, self.date = ind, econ, amount, date
        self.reversal = None  # (amount or None for the whole, reason, days later)
        self.eid = None
        self.desc = None
        self.payee = None


def clamp_day(year, month, day):
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day, last))


def month_profile(econ, kind):
    """Months (with weights) in which a 款 is paid."""
    if kind == "PROJECT":
        return None
    if econ in ("30101", "30102", "30108", "30109", "30110", "30111", "30112", "30113", "30199",
                "30301", "30302", "30305", "30239", "30231", "30206", "30207"):
        return [(mo, 1.0) for mo in range(1, 13)]
    if econ == "30103":
        return [(1, 0.2), (4, 0.1), (7, 0.1), (10, 0.1), (12, 0.5)]
    if econ == "30208":
        return [(1, 0.3), (3, 0.2), (11, 0.3), (12, 0.2)]
    if econ in ("30205", "30209", "30228"):
        return [(3, 1.0), (6, 1.0), (9, 1.0), (12, 1.0)]
    return None


def payment_count(econ, amount, kind, rng):
    wan = amount / W
    if kind == "PROJECT":
        return max(2, min(28, int(math.sqrt(wan) * 0.9) + 2))
    if econ == "30217":
        return 19  # 19 批次 of 公务接待 in 2024
    return max(2, min(14, int(math.sqrt(wan) * 1.3) + 1))


def plan_payments(ind, year, rng, first_month):
    """Payments of an indicator, planned over the months from first_month on."""
    out = []
    for econ in sorted(ind.spend):
        amount = ind.spend[econ]
        if amount <= 0:
            continue
        prof = month_profile(econ, ind.kind)
        if prof is not None:
            prof = [(mo, w_) for mo, w_ in prof if mo >= first_month] or [(12, 1.0)]
            months = [mo for mo, _ in prof]
            weights = [w_ * rng.uniform(0.97, 1.03) for _, w_ in prof]
            days = [15 if econ.startswith("301") or econ.startswith("303") else rng.randint(10, 28) for _ in months]
        else:
            k = payment_count(econ, amount, ind.kind, rng)
            span = list(range(first_month, 13))
            mw = [1.0 + 0.12 * (mo - first_month) + (1.2 if mo == 12 else 0.0) for mo in span]
            months = sorted(rng.choices(span, weights=mw, k=k))
            weights = [rng.uniform(0.4, 1.6) for _ in months]
            days = [rng.randint(10, 28) for _ in months]
        parts = split_int(amount, weights)
        for mo, d, a in zip(months, days, parts):
            if a > 0:
                out.append(Payment(ind, econ, a, clamp_day(year, mo, d)))
    return out


def schedule(ind, payments, year):
    """Moves payments later where the authority at their date would not cover them.

    Authority available at a date = carry-in + positive movements so far - every reduction and
    transfer out of the year (so that a later reduction never finds the budget below what is spent).
    """
    pos = []  # (date, amount)
    neg = 0
    if ind.opening[0] in ("initial", "midyear"):
        pos.append((ind.opening[1], ind.N if ind.opening[0] == "initial" else ind.open_amount))
    if ind.C:
        pos.append((dt.date(year - 1, 12, 31), ind.C))
    for d, a, kind, _ in ind.moves:
        if a > 0:
            pos.append((d, a))
        else:
            neg += -a
    pos.sort()

    def available(date):
        return sum(a for d, a in pos if d <= date) - neg

    payments.sort(key=lambda p: (p.date, -p.amount))
    spent = 0
    done = []
    pending = list(payments)
    while pending:
        p = pending.pop(0)
        if spent + p.amount <= available(p.date):
            spent += p.amount
            done.append(p)
            continue
        later = [d for d, _ in pos if d > p.date]
        if not later:
            raise SystemExit("indicator %s: %s of spending has no authority (budget %s)" % (
                ind.id, yuan(spent + p.amount), yuan(available(p.date))))
        nd = later[0]
        p.date = dt.date(nd.year, nd.month, min(max(nd.day + 3, 10), 28))
        pending.append(p)
        pending.sort(key=lambda q: (q.date, -q.amount))
    return done


# ------------------------------------------------------------------------------------------
# Building a year
# ------------------------------------------------------------------------------------------
def mk_basic(key, year):
    item, unit, restr, title = BASIC[key]
    return Ind("ZB%d-%s-%s-%s" % (year, unit, item, key.split("-")[0]), year, unit, "GENERAL_BUDGET", item, "BASIC",
               econ=restr, title=title)


def mk_project(key, year):
    name, item, unit, fund, code = PROJECTS[key]
    return Ind("ZB%d-%s-%s-%s" % (year, unit, item, key), year, unit, fund, item, "PROJECT", pcode=code, pname=name,
               title=name)


def allocate_income(inds, total):
    """Income of a 项 spread over its indicators: each at least what it spends beyond its carry-in
    (so that no indicator closes below zero) and at most its budget of the year."""
    base = [max(0, i.S() - i.C) for i in inds]
    room = [max(0, i.B - b) for i, b in zip(inds, base)]
    rest = total - sum(base)
    assert 0 <= rest <= sum(room), ([i.id for i in inds], total, base, room)
    extra = split_int(rest, room) if rest else [0] * len(inds)
    for i, b, e in zip(inds, base, extra):
        i.I = b + e


def build_2024(x, rng):
    Y = 2024
    inds = {}
    for key in BASIC:
        inds[key] = mk_basic(key, Y)
    for key in PROJECTS:
        inds[key] = mk_project(key, Y)

    # --- spending of basic indicators from the solved leaves
    for key, amount in sorted(x.items(), key=lambda kv: str(kv[0])):
        if len(key) != 3 or key[0] != "S" or key[2] == "P":
            continue
        _, item, econ = key
        for unit, a in spread_basic_leaf(item, econ, amount).items():
            ind = inds[basic_key(item, econ, unit)]
            ind.spend[econ] = ind.spend.get(econ, 0) + a

    # --- project spending: published execution where the project has it, the rest on one project
    fixed = {"ZYCZ": fen("180.40"), "SJWX": fen("304.52"), "WXZC": 0,
             "HYGL": fen("99.20"), "XXJS": fen("570.21"), "ZHJS": fen("71.67"), "XXYW": fen("14.40"),
             "YDRZ": fen("16.00"), "SYCB": fen("424.00"), "ZXQA": fen("7600.00"), "ZXQB": fen("1900.00"),
             "QQGZ": fen("286.77"), "JNJP": fen("2799.00"),
             "GZYL": x[("S", "2101101", "P")], "QNF": x[("S", "2230199", "P")], "ZXPY": x[("S", "2150899", "P")]}
    flex = {"2150508": "ZYWX", "2150599": "CYXM", "2159999": "SZLN"}
    proj_total = {}
    for key, amount in fixed.items():
        proj_total[key] = amount
    for item, key in flex.items():
        proj_total[key] = x[("S", item, "P")] - sum(a for k, a in fixed.items() if PROJECTS[k][1] == item)
    for key, amount in proj_total.items():
        econs = sorted(PROJECT_ECON[key])
        parts = split_int(amount, [PROJECT_ECON[key][e] for e in econs]) if econs else []
        inds[key].spend = {e: a for e, a in zip(econs, parts) if a}

    # --- carry-in (from the 2023 indicators; set here, posted by the 2023 carry-forwards)
    c_total = x[("C",)]
    inds["ZYWX"].C, inds["XXJS"].C = CARRY_ZY, CARRY_XXH
    inds["SZLN"].C = c_total - CARRY_ZY - CARRY_XXH

    # --- openings, initial budgets, budgets of the year
    d_init = {U1: dt.date(Y, 1, 5), U4: dt.date(Y, 1, 8)}
    for key in BASIC:
        if key not in BASIC_2024_ONLY:
            inds[key].opening = ("initial", d_init[inds[key].unit])
    for key in ("QTZC-U1",):
        inds[key].opening = ("midyear", dt.date(Y, 11, 6))
    inds["SYYX-U2"].opening = ("midyear", dt.date(Y, 6, 4))
    inds["SYLTX-U2"].opening = ("midyear", dt.date(Y, 6, 4))
    inds["SYYX-U3"].opening = ("midyear", dt.date(Y, 6, 5))
    for key in ("YDRZ", "HYGL", "ZXPY", "ZHJS", "CYXM", "SJWX", "ZYWX", "XXYW", "SYCB", "SZLN", "WXZC"):
        inds[key].opening = ("initial", d_init[inds[key].unit])
    for key in ("XXJS", "ZXQA", "QNF", "JNJP", "GZYL"):
        inds[key].opening = ("carry",)  # opened by the 2023 carry-forward, budget by 追加
    inds["QQGZ"].opening = ("midyear", dt.date(Y, 7, 3))
    inds["ZXQB"].opening = ("midyear", dt.date(Y, 10, 9))
    inds["ZYCZ"].opening = ("midyear", dt.date(Y, 6, 6))

    # project budgets (万元) and movements
    P = inds
    P["YDRZ"].N = P["YDRZ"].B = fen("16.00")
    P["HYGL"].N = P["HYGL"].B = fen("99.20")
    P["ZXPY"].N = P["ZXPY"].B = fen("119.50")
    P["ZHJS"].N = P["ZHJS"].B = fen("72.00")
    P["XXYW"].N = P["XXYW"].B = fen("14.40")
    P["SYCB"].N = P["SYCB"].B = fen("480.00")
    P["WXZC"].N = P["WXZC"].B = fen("377.00")
    P["SJWX"].N = fen("316.00")
    P["CYXM"].N = fen(INITIAL["2150599"][0]) - P["HYGL"].N - P["ZHJS"].N - P["XXYW"].N
    P["ZYWX"].N = fen(INITIAL["2150508"][0]) - P["SJWX"].N - P["WXZC"].N
    P["SZLN"].N = fen(INITIAL["2159999"][0]) - P["YDRZ"].N - P["SYCB"].N
    doc = "辽财指〔2024〕%d号"
    P["SJWX"].moves.append((dt.date(Y, 11, 5), -fen("5.00"), "ADJ", "调减省级无线电管理经费（年度预算收回）"))
    if P["CYXM"].N != fen("130.80"):  # initial budget 132.41, 130.80 after the reduction (published budget)
        P["CYXM"].moves.append((dt.date(Y, 11, 7), fen("130.80") - P["CYXM"].N, "ADJ",
                                "调减收回工信产业项目管理经费部分预算"))
    P["ZYWX"].moves.append((dt.date(Y, 5, 6), fen("5049.00") - P["ZYWX"].N, "ADJ", "追加中央无线电监管经费（中央补助资金下达）"))
    for d, a in ((dt.date(Y, 3, 5), "1200.00"), (dt.date(Y, 5, 8), "1800.00"), (dt.date(Y, 8, 6), "2100.00"),
                 (dt.date(Y, 10, 8), "800.00")):
        P["SZLN"].moves.append((d, fen(a), "ADJ", "追加数字辽宁智造强省专项资金"))
    xxjs_budget = ceil100(P["XXJS"].S() - P["XXJS"].C)
    P["XXJS"].moves.append((dt.date(Y, 6, 7), xxjs_budget, "ADJ", "追加省本级信息化建设项目预算"))
    P["ZXQA"].moves.append((dt.date(Y, 6, 4), fen("5000.00"), "ADJ", "追加中小企业发展专项资金（第一批）"))
    P["ZXQA"].moves.append((dt.date(Y, 9, 3), fen("2900.00"), "ADJ", "追加中小企业发展专项资金（第二批）"))
    P["JNJP"].moves.append((dt.date(Y, 8, 5), fen("2799.00"), "ADJ", "追加节能减排补助资金（新能源汽车推广应用）"))
    gz = P["GZYL"].S()
    gz1 = round100(gz * 0.64)
    P["GZYL"].moves.append((dt.date(Y, 3, 6), gz1, "ADJ", "追加离退休干部干诊医疗费用"))
    P["GZYL"].moves.append((dt.date(Y, 9, 4), gz - gz1, "ADJ", "追加离退休干部干诊医疗费用（第二批）"))
    P["QNF"].moves.append((dt.date(Y, 11, 4), P["QNF"].S(), "ADJ", "追加省直特困企业离休干部冬季取暖费（国有资本经营预算）"))
    P["QQGZ"].open_amount = fen("500.00")
    P["ZXQB"].open_amount = fen("1900.00")
    P["ZYCZ"].open_amount = fen("180.40")
    for key in PROJECTS:
        i = P[key]
        opened = i.N if i.opening[0] == "initial" else (i.open_amount if i.opening[0] == "midyear" else 0)
        i.B = opened + sum(a for _, a, _, _ in i.moves)

    # basic budgets: the year's budget of a 项 equals its income; 三公 limits fixed
    inds["GWJD-U1"].B = inds["GWJD-U1"].N = RECEPTION_BUDGET
    inds["GWYC-U1"].B = inds["GWYC-U1"].N = CARS_BUDGET_U1
    inds["GWYC-U4"].B = inds["GWYC-U4"].N = CARS_BUDGET_U4
    by_item = {}
    for key in BASIC:
        by_item.setdefault(BASIC[key][0], []).append(key)
    for item, keys in by_item.items():
        flex_keys = [k for k in keys if BASIC[k][2] is None]
        total_B = x[("I", item)] - sum(inds[k].B for k in keys if BASIC[k][2] is not None)
        if item == "2101101":
            total_B = fen(INITIAL[item][0])  # no 追加 of 行政单位医疗 itself; the 追加 is 干诊医疗 (project)
        parts = split_with_minimum(total_B, [inds[k].S() for k in flex_keys], [inds[k].S() or 1 for k in flex_keys])
        for k, b in zip(flex_keys, parts):
            inds[k].B = b
        if item in INITIAL:
            n_total = fen(INITIAL[item][0]) - sum(inds[k].N for k in keys if BASIC[k][2] is not None)
            if item == "2150501":
                # 公用经费 keeps most of its budget from the start; the 追加 goes to 人员经费
                for k in ("GYJF-U1", "GYJF-U4"):
                    inds[k].N = round100(inds[k].B * 0.97)
                rest = n_total - inds["GYJF-U1"].N - inds["GYJF-U4"].N
                ry = ["RYJF-U1", "RYJF-U4"]
                for k, n in zip(ry, split_int(rest, [inds[k].B for k in ry], 10_000)):
                    inds[k].N = n
            else:
                for k, n in zip(flex_keys, split_int(n_total, [inds[k].B for k in flex_keys], 10_000)):
                    inds[k].N = n
    for key in BASIC_2024_ONLY:
        inds[key].open_amount = inds[key].B

    # 调剂 (transfers) between indicators of one unit
    transfers = [
        ("GYJF-U1", "LTX-U1", fen("3.50"), dt.date(Y, 4, 8), "调剂公用经费用于离退休干部活动经费"),
        ("GYJF-U4", "RYJF-U4", fen("10.00"), dt.date(Y, 6, 7), "调剂公用经费补充在职人员经费"),
        ("RYJF-U1", "ZYNJ-U1", fen("8.00"), dt.date(Y, 7, 4), "调剂人员经费用于职业年金记实补缴"),
    ]
    for src, dst, a, d, reason in transfers:
        inds[src].moves.append((d, -a, "TRF-OUT", reason))
        inds[dst].moves.append((d, a, "TRF-IN", reason))
    # 追加/调减 of basic indicators: what the budget of the year needs beyond initial and transfers
    adj_reason = {
        "LTX": "追加离退休人员经费（离退休费调标）", "ZYNJ": "追加职业年金记实经费",
        "RYJF": "追加在职职工人员经费（调资及绩效奖励）", "GYJF": "追加公用经费",
    }
    for key in BASIC:
        i = inds[key]
        if key in BASIC_2024_ONLY:
            continue
        trf = sum(a for _, a, kind, _ in i.moves if kind.startswith("TRF"))
        adj = i.B - i.N - trf
        if adj == 0:
            continue
        prefix = key.split("-")[0]
        if adj < 0:
            i.moves.append((dt.date(Y, 11, 8), adj, "ADJ", "调减%s（年度预算收回）" % i.title))
        elif adj >= fen("20.00"):
            a1 = round100(adj * 0.4)
            i.moves.append((dt.date(Y, 4, 3), a1, "ADJ", adj_reason.get(prefix, "追加" + i.title)))
            i.moves.append((dt.date(Y, 9, 5), adj - a1, "ADJ", adj_reason.get(prefix, "追加" + i.title) + "（第二批）"))
        else:
            i.moves.append((dt.date(Y, 6, 3), adj, "ADJ", adj_reason.get(prefix, "追加" + i.title)))

    # --- income per 项 over its indicators
    items = {}
    for key, i in inds.items():
        items.setdefault(i.item, []).append(i)
    for item, lst in items.items():
        allocate_income(lst, x[("I", item)])
    return inds, transfers


def build_2023(x, inds24, rng):
    """2023: the same structure at its own amounts, closing with the published totals."""
    Y = 2023
    inds = {}
    for key in BASIC:
        if key not in BASIC_2024_ONLY:
            inds[key] = mk_basic(key, Y)
            inds[key].target = inds24[key]
    for key in PROJECTS_2023:
        inds[key] = mk_project(key, Y)
        inds[key].target = inds24[key]

    S23, T23, P23 = x[("S23",)], x[("T23",)], x[("P23",)]
    # basic: personnel a little below 2024, 公用经费 exactly P23, 三公 exactly the 2023 figures
    pub_keys = []
    for key in inds:
        if key not in BASIC:
            continue
        src = inds24[key]
        for econ, a in src.spend.items():
            if econ[:3] in ("301", "303"):
                inds[key].spend[econ] = int(round(a * 0.962 * rng.uniform(0.985, 1.015)))
            elif econ not in ("30217", "30231"):
                pub_keys.append((key, econ, a * rng.uniform(0.95, 1.3)))
    inds["GWJD-U1"].spend = {"30217": RECEPTION_2023}
    cars_u4 = int(round(CARS_2023 * CARS_U4_SHARE))
    inds["GWYC-U1"].spend = {"30231": CARS_2023 - cars_u4}
    inds["GWYC-U4"].spend = {"30231": cars_u4}
    pub_total = P23 - RECEPTION_2023 - CARS_2023
    for (key, econ, _), a in zip(pub_keys, split_int(pub_total, [w_ for _, _, w_ in pub_keys])):
        inds[key].spend[econ] = a

    # projects (万元): spending, carried into 2024, surplus taken back
    plan = {  # key: (spent, recaptured)
        "GZYL": ("38.50", "0"), "ZYWX": ("4350.00", "186.70"), "SJWX": ("296.80", "7.20"),
        "HYGL": ("95.00", "0"), "CYXM": ("118.30", "6.70"), "ZHJS": ("68.90", "1.10"), "XXYW": ("14.40", "0"),
        "XXJS": ("432.60", "11.96"), "ZXPY": ("108.20", "3.80"), "YDRZ": ("15.20", "0.80"),
        "SYCB": ("410.00", "70.00"), "SZLN": (None, "350.00"), "ZXQA": ("4800.00", None), "JNJP": ("2400.00", "0"),
        "QNF": ("1.10", "0"),
    }
    basic_total = sum(inds[k].S() for k in inds if k in BASIC)
    fixed_spend = sum(fen(s) for s, _ in plan.values() if s)
    carry = {"ZYWX": CARRY_ZY, "XXJS": CARRY_XXH, "SZLN": x[("C",)] - CARRY_ZY - CARRY_XXH}
    closing_total = T23 - S23
    fixed_recap = sum(fen(r) for _, r in plan.values() if r)
    for key, (s, r) in plan.items():
        amount = fen(s) if s else S23 - basic_total - fixed_spend
        econs = sorted(PROJECT_ECON[key])
        parts = split_int(amount, [PROJECT_ECON[key][e] for e in econs])
        inds[key].spend = {e: a for e, a in zip(econs, parts) if a}
        inds[key].carry = carry.get(key, 0)
        inds[key].recapture = fen(r) if r else closing_total - sum(carry.values()) - fixed_recap
        assert inds[key].recapture >= 0 and amount > 0, key

    # budgets, openings, income
    d_init = {U1: dt.date(Y, 1, 6), U4: dt.date(Y, 1, 9)}
    share_initial = {"ZYWX": 0.92, "SJWX": 1, "HYGL": 1, "CYXM": 1, "ZHJS": 1, "XXYW": 1, "ZXPY": 1, "YDRZ": 1,
                     "SYCB": 1, "SZLN": 0.05}
    midyear = {"XXJS": dt.date(Y, 5, 8), "ZXQA": dt.date(Y, 6, 5), "JNJP": dt.date(Y, 7, 4),
               "GZYL": dt.date(Y, 3, 7), "QNF": dt.date(Y, 11, 6)}
    for key, i in inds.items():
        if key in BASIC:
            if BASIC[key][2] == "30217":
                i.B = fen("3.00")
            elif BASIC[key][2] == "30231":
                i.B = fen("20.00") if i.unit == U1 else fen("8.00")
            else:
                i.B = ceil100(int(i.S() * 1.004))
            i.I = i.S()
            i.N = i.B if BASIC[key][2] else round100(i.B * 0.95)
            i.opening = ("initial", d_init[i.unit])
            if i.B > i.N:
                i.moves.append((dt.date(Y, 8, 7), i.B - i.N, "ADJ", "追加" + i.title))
        else:
            i.I = i.B = i.S() + i.carry + i.recapture
            if key in midyear:
                i.opening = ("midyear", midyear[key])
                i.open_amount = i.B
                i.N = 0
            else:
                i.opening = ("initial", d_init[i.unit])
                i.N = i.B if share_initial[key] == 1 else round100(i.B * share_initial[key])
                rest = i.B - i.N
                if key == "SZLN":
                    a1 = round100(rest * 0.45)
                    i.moves.append((dt.date(Y, 4, 6), a1, "ADJ", "追加数字辽宁智造强省专项资金"))
                    i.moves.append((dt.date(Y, 9, 5), rest - a1, "ADJ", "追加数字辽宁智造强省专项资金（第二批）"))
                elif rest:
                    i.moves.append((dt.date(Y, 5, 9), rest, "ADJ", "追加" + i.title))
    # one 调剂 in 2023
    transfers = [("GYJF-U1", "LTX-U1", fen("1.20"), dt.date(Y, 5, 10), "调剂公用经费用于离退休干部活动经费")]
    for src, dst, a, d, reason in transfers:
        inds[src].moves.append((d, -a, "TRF-OUT", reason))
        inds[dst].moves.append((d, a, "TRF-IN", reason))
        inds[src].B -= a
        inds[dst].B += a
    assert sum(i.S() for i in inds.values()) == S23
    assert sum(i.I for i in inds.values()) == T23
    return inds, transfers


# ------------------------------------------------------------------------------------------
# Postings
# ------------------------------------------------------------------------------------------
PRIORITY = {"APPROPRIATION": 0, "TRANSFER": 2, "ADJUSTMENT": 1, "INCOME": 3, "EXPENDITURE": 4, "REVERSAL": 5}


class Counter:
    def __init__(self):
        self.n = {}

    def next(self, key):
        self.n[key] = self.n.get(key, 0) + 1
        return self.n[key]


def postings_of_year(inds, transfers, year, rng, reversals_wanted):
    """All postings of one year except the carry-forward, sorted by date (and kind on a day)."""
    ids = Counter()
    items = []  # (date, priority, seq, posting dict)
    seq = [0]

    def add(date, posting, priority=None):
        seq[0] += 1
        items.append((date, PRIORITY[posting["type"]] if priority is None else priority, seq[0], posting))

    initial_docs = {U1: "辽财预〔%d〕15号" % year, U4: "辽财预〔%d〕16号" % year,
                    U2: "辽财预〔%d〕17号" % year, U3: "辽财预〔%d〕18号" % year}
    for key in sorted(inds, key=lambda k: inds[k].id):
        i = inds[key]
        if i.opening[0] == "carry":
            continue
        initial = i.opening[0] == "initial"
        p = {"type": "APPROPRIATION", "indicatorId": i.id, "fiscalYear": year, "unitCode": i.unit,
             "fundSource": i.fund, "functionalCode": i.item, "kind": i.kind}
        if i.pcode:
            p["projectCode"] = i.pcode
            p["projectName"] = i.pname
        if i.econ:
            p["economicCode"] = i.econ
        p["amount"] = yuan(i.N if initial else i.open_amount)
        p["initial"] = initial
        p["effectiveDate"] = i.opening[1].isoformat()
        p["documentRef"] = initial_docs[i.unit] if initial else "DOC"
        if initial:
            items.append((i.opening[1], -1, 0, p))  # emitted separately (before the carry-forwards)
        else:
            add(i.opening[1], p)
    for key in sorted(inds, key=lambda k: inds[k].id):
        i = inds[key]
        for d, a, kind, reason in sorted(i.moves, key=lambda m_: m_[0]):
            if kind != "ADJ":
                continue
            add(d, {"type": "ADJUSTMENT", "indicatorId": i.id,
                    "adjustmentId": "TZ%d-%04d" % (year, ids.next("TZ")), "amount": yuan(a), "reason": reason,
                    "effectiveDate": d.isoformat(), "documentRef": "DOC"})
    for src, dst, a, d, reason in transfers:
        add(d, {"type": "TRANSFER", "transferId": "TJ%d-%03d" % (year, ids.next("TJ")),
                "fromIndicatorId": inds[src].id, "toIndicatorId": inds[dst].id, "amount": yuan(a),
                "reason": reason, "effectiveDate": d.isoformat(), "documentRef": "DOC"})

    # income tranches: basic quarterly, projects with their budget (or over the year when opened by carry)
    for key in sorted(inds, key=lambda k: inds[k].id):
        i = inds[key]
        if i.I <= 0:
            continue
        if i.kind == "BASIC" and i.opening[0] == "initial":
            dates = [dt.date(year, mo, rng.randint(10, 20)) for mo in (1, 4, 7, 10)]
            weights = [rng.uniform(0.9, 1.1) for _ in dates]
        else:
            src = []
            if i.opening[0] == "initial":
                src.append((i.opening[1], i.N))
            elif i.opening[0] == "midyear":
                src.append((i.opening[1], i.open_amount))
            src += [(d, a) for d, a, _, _ in i.moves if a > 0]
            src = [(d, a) for d, a in src if a > 0] or [(dt.date(year, 12, 1), 1)]
            dates = [min(d + dt.timedelta(days=rng.randint(3, 12)), dt.date(year, 12, 31)) for d, _ in src]
            weights = [a for _, a in src]
            last = i.S() == 0 and i.kind == "PROJECT"
            if last:
                # not carried out in the year (中央无线电监管经费支出项目, moved to 无线电监测站 at the
                # end of 2024): its funds arrive on the last day. It is the batch's last posting, so a
                # reader that waits for 01 总计 = 35955.78 sees every other posting projected too.
                dates, weights = [dt.date(year, 12, 31)], [1]
        for d, a in zip(dates, split_int(i.I, weights)):
            if a > 0:
                add(d, {"type": "INCOME", "indicatorId": i.id, "incomeId": "SR%d-%05d" % (year, ids.next("SR")),
                        "amount": yuan(a), "effectiveDate": d.isoformat(),
                        "description": "财政拨款资金到账（%s）" % ("国有资本经营预算" if i.fund == "STATE_CAPITAL"
                                                         else "一般公共预算")},
                    priority=9 if (i.kind == "PROJECT" and i.S() == 0) else None)

    # expenditures: planned, a few to be reversed, then scheduled under the authority
    all_payments = []
    for key in sorted(inds, key=lambda k: inds[k].id):
        i = inds[key]
        first = 1
        if i.opening[0] == "midyear":
            first = i.opening[1].month
        elif i.opening[0] == "carry":
            first = min([d.month for d, a, _, _ in i.moves if a > 0] or [1])
        pays = plan_payments(i, year, rng, first)
        i._payments = pays
    # red-letter reversals (红字冲销) on indicators with room left
    cands = []
    for key in sorted(inds, key=lambda k: inds[k].id):
        i = inds[key]
        room = i.B + i.C - i.S()
        for p in i._payments:
            if p.date.month <= 11 and p.amount < room and p.amount > 50_000:
                cands.append((i, p, room))
    rng.shuffle(cands)
    used = set()
    made = 0
    for i, p, room in cands:
        if made >= reversals_wanted or i.id in used:
            continue
        used.add(i.id)
        if made % 2 == 0:
            # a duplicated payment, reversed in full
            dup = Payment(i, p.econ, p.amount, p.date)
            dup.reversal = (None, "重复支付，红字冲销", rng.randint(3, 15))
            i._payments.append(dup)
        else:
            r = max(100, int(p.amount * rng.uniform(0.05, 0.3)))
            if r > room:
                continue
            p.amount += r
            p.reversal = (r, "多付款项退回，红字冲销", rng.randint(5, 20))
        made += 1
    for key in sorted(inds, key=lambda k: inds[k].id):
        i = inds[key]
        all_payments += schedule(i, i._payments, year)
    all_payments.sort(key=lambda p: (p.date, p.ind.id, p.econ, -p.amount))
    vouchers = Counter()
    for p in all_payments:
        p.eid = "ZF%d-%06d" % (year, ids.next("ZF"))
        desc, payee = ECON_TEXT.get(p.econ, ("支出", "收款单位"))
        if p.ind.kind == "PROJECT":
            desc = "%s：%s" % (p.ind.pname, desc)
        add(p.date, {"type": "EXPENDITURE", "expenditureId": p.eid, "indicatorId": p.ind.id,
                     "amount": yuan(p.amount), "economicCode": p.econ, "effectiveDate": p.date.isoformat(),
                     "voucherNo": "%s-%d%02d-%04d" % (p.ind.unit, year, p.date.month,
                                                     vouchers.next((p.ind.unit, p.date.month))),
                     "payee": payee, "description": desc})
        if p.reversal:
            amount, reason, days = p.reversal
            d = min(p.date + dt.timedelta(days=days), dt.date(year, 12, 31))
            rv = {"type": "REVERSAL", "expenditureId": p.eid, "reversalId": "CX%d-%03d" % (year, ids.next("CX")),
                  "reason": reason, "effectiveDate": d.isoformat()}
            if amount is not None:
                rv["amount"] = yuan(amount)
            add(d, rv)
    items.sort(key=lambda t: (t[0], t[1], t[2]))
    initial = [p for d, pr, s, p in items if pr == -1]
    rest = [p for d, pr, s, p in items if pr != -1]
    return initial, rest


def carry_forwards(inds23, year=2023):
    out = []
    for key in sorted(inds23, key=lambda k: inds23[k].id):
        i = inds23[key]
        balance = i.C + i.I - i.S()
        assert balance == i.carry + i.recapture, (i.id, balance, i.carry, i.recapture)
        p = {"type": "CARRY_FORWARD", "indicatorId": i.id, "targetIndicatorId": i.target.id,
             "carryOverAmount": yuan(i.carry),
             "surplusDisposition": "RECAPTURE" if i.recapture else "CARRY",
             "effectiveDate": dt.date(year, 12, 31).isoformat()}
        out.append(p)
    return out


def number_documents(postings):
    """指标文号 in date order: 辽财指〔Y〕N号, a few numbers apart."""
    n = {2023: 96, 2024: 88}
    rng = random.Random(SEED + 7)
    for p in sorted((p for p in postings if p.get("documentRef") == "DOC"),
                    key=lambda p: (p["effectiveDate"], p.get("indicatorId", p.get("transferId")))):
        y = int(p["effectiveDate"][:4])
        n[y] += rng.randint(1, 9)
        p["documentRef"] = "辽财指〔%d〕%d号" % (y, n[y])


def main():
    rng = random.Random(SEED)
    x = solve_department()
    inds24, trf24 = build_2024(x, rng)
    inds23, trf23 = build_2023(x, inds24, rng)
    init23, rest23 = postings_of_year(inds23, trf23, 2023, rng, reversals_wanted=3)
    init24, rest24 = postings_of_year(inds24, trf24, 2024, rng, reversals_wanted=7)
    cf = carry_forwards(inds23)
    postings = init23 + rest23 + init24 + cf + rest24
    number_documents(postings)
    if len(postings) > 10_000:
        raise SystemExit("too many postings: %d" % len(postings))

    os.makedirs(OUT_DIR, exist_ok=True)
    units = [{"unitCode": c, "name": n, "departmentCode": DEPT_CODE, "departmentName": DEPT_NAME} for c, n in UNITS]
    with open(UNITS_FILE, "w", encoding="utf-8") as f:
        json.dump(units, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(BATCH_FILE, "w", encoding="utf-8") as f:
        f.write('{"atomic": true, "postings": [\n')
        f.write(",\n".join(json.dumps(p, ensure_ascii=False, separators=(", ", ": ")) for p in postings))
        f.write("\n]}\n")

    counts = {}
    for p in postings:
        y = p["effectiveDate"][:4]
        counts[(p["type"], y)] = counts.get((p["type"], y), 0) + 1
    print("wrote %s (%d units)" % (os.path.relpath(UNITS_FILE, ROOT), len(units)))
    print("wrote %s (%d postings)" % (os.path.relpath(BATCH_FILE, ROOT), len(postings)))
    for t in ("APPROPRIATION", "ADJUSTMENT", "TRANSFER", "INCOME", "EXPENDITURE", "REVERSAL", "CARRY_FORWARD"):
        print("  %-14s 2023: %5d   2024: %5d" % (t, counts.get((t, "2023"), 0), counts.get((t, "2024"), 0)))
    print("indicators: 2023 %d, 2024 %d" % (len(inds23), len(inds24)))


if __name__ == "__main__":
    sys.exit(main())
