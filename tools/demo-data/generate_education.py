#!/usr/bin/env python3
"""Generates the second demo department: 示例省教育厅, a made-up provincial education department.

Writes (relative to the repository root):
  ledger-api/src/main/resources/demo/example-education-units.json   its four budget units
  ledger-api/src/main/resources/demo/example-education-postings.json one atomic batch request body

Unlike the worked example, nothing here is published: the amounts are invented (fixed seed, so
running it twice writes the same bytes). It exists to show that nothing in the ledger is tuned to
one department: another 类 (205 教育支出), units of every type, basic and project indicators,
business income, adjustments, transfers, a reversal, 三公 restrictions and two fiscal years
(2024, then 2025 with the carry-forwards of 2024's balances). Its report checks its own
identities (SecondDepartmentTest). Standard library only.
"""
import datetime as dt
import json
import os
import random

SEED = 20250101
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "ledger-api", "src", "main", "resources", "demo"))
UNITS_FILE = os.path.join(OUT_DIR, "example-education-units.json")
BATCH_FILE = os.path.join(OUT_DIR, "example-education-postings.json")

DEPARTMENT = ("905", "示例省教育厅")
# code, name, unit type (docs/domain.md), personnel 项, medical 项
UNITS = [
    ("905001", "示例省教育厅本级", "ADMINISTRATIVE", "2050101", "2101101"),
    ("905002", "示例省教育考试院", "CIVIL_SERVICE_INSTITUTION", "2050199", "2101101"),
    ("905003", "示例省实验中学", "PUBLIC_INSTITUTION", "2050204", "2101102"),
    ("905004", "示例省电化教育馆", "PUBLIC_INSTITUTION", "2050299", "2101102"),
]
# per unit: the yearly basic budget in 元 of its running costs (personnel + public)
RUNNING = {"905001": 18_600_000, "905002": 7_400_000, "905003": 42_300_000, "905004": 5_100_000}
PERSONNEL = ["30101", "30102", "30103"]
INSTITUTION_PERSONNEL = ["30101", "30102", "30107"]
PUBLIC = ["30201", "30205", "30206", "30211", "30213", "30228", "30229", "30239"]
# unit, key, project code, name, functional 项, yearly budget in 元, economic 款 it pays
PROJECTS = [
    ("905001", "DDPG", "21000025P000000100101", "全省教育督导评估", "2050102", 3_200_000, ["30227", "30211", "30216"]),
    ("905001", "GZTS", "21000025P000000100102", "普通高中教育质量提升", "2050204", 12_500_000, ["30227", "30226"]),
    ("905002", "KSZZ", "21000025P000000200101", "国家教育考试组织实施", "2050199", 4_600_000, ["30226", "30202", "30211"]),
    ("905003", "SBGX", "21000025P000000300101", "教学设备更新", "2050204", 6_800_000, ["31003", "30213"]),
    ("905004", "XXPX", "21000025P000000400101", "教师信息技术能力培训", "2050803", 1_900_000, ["30216", "30226"]),
]
GROWTH = {2024: 1.0, 2025: 1.04}


def yuan(fen):
    return "%d.%02d" % (fen // 100, fen % 100)


def split(total, parts, rng):
    """total 分 in `parts` positive pieces that add up exactly."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(parts)]
    pieces = [int(total * w / sum(weights)) for w in weights]
    pieces[-1] += total - sum(pieces)
    return pieces


class Indicator:
    def __init__(self, year, unit, key, functional, kind, fen, economic, fund="GENERAL_BUDGET", project=None,
                 restricted=None, spend_rate=(0.95, 0.99)):
        self.id = "ZB%d-%s-%s" % (year, unit, key)
        self.year, self.unit, self.key, self.functional, self.kind = year, unit, key, functional, kind
        self.budget, self.economic, self.fund, self.project = fen, economic, fund, project
        self.restricted, self.spend_rate = restricted, spend_rate

    def appropriation(self, amount, initial, date, ref):
        p = {"type": "APPROPRIATION", "indicatorId": self.id, "fiscalYear": self.year, "unitCode": self.unit,
             "fundSource": self.fund, "functionalCode": self.functional, "kind": self.kind}
        if self.project:
            p["projectCode"], p["projectName"] = self.project
        if self.restricted:
            p["economicCode"] = self.restricted
        p.update({"amount": yuan(amount), "initial": initial, "effectiveDate": date.isoformat(), "documentRef": ref})
        return p


def indicators(year):
    g = GROWTH[year]
    inds = []
    for unit, _, unit_type, personnel_item, medical_item in UNITS:
        running = int(RUNNING[unit] * g) * 100
        personnel = PERSONNEL if unit_type in ("ADMINISTRATIVE", "CIVIL_SERVICE_INSTITUTION") else INSTITUTION_PERSONNEL
        inds.append(Indicator(year, unit, "JBZC", personnel_item, "BASIC", running, personnel + PUBLIC))
        inds.append(Indicator(year, unit, "YLBX", "2080505", "BASIC", running // 10, ["30108"]))
        inds.append(Indicator(year, unit, "ZYNJ", "2080506", "BASIC", running // 25, ["30109"]))
        inds.append(Indicator(year, unit, "YLBZ", medical_item, "BASIC", running // 16, ["30110"]))
        inds.append(Indicator(year, unit, "ZFGJJ", "2210201", "BASIC", running // 12, ["30113"]))
    inds.append(Indicator(year, "905001", "GWJD", "2050101", "BASIC", int(60_000 * g) * 100, ["30217"],
                          restricted="30217", spend_rate=(0.55, 0.8)))
    inds.append(Indicator(year, "905001", "GWYC", "2050101", "BASIC", int(180_000 * g) * 100, ["30231"],
                          restricted="30231", spend_rate=(0.8, 0.95)))
    inds.append(Indicator(year, "905003", "SYSR", "2050204", "BASIC", int(3_900_000 * g) * 100,
                          ["30201", "30213", "30226"], fund="BUSINESS", spend_rate=(0.85, 0.95)))
    for unit, key, code, name, item, amount, economic in PROJECTS:
        inds.append(Indicator(year, unit, key, item, "PROJECT", int(amount * g) * 100, economic,
                              project=(code, name), spend_rate=(0.7, 0.96)))
    return inds


def year_postings(year, inds, carried, rng):
    """The postings of one fiscal year, in the order a finance office would make them; answers them
    and each indicator's funds balance at the year's end."""
    ref = "示财预〔%d〕3号" % year
    out = [i.appropriation(i.budget, True, dt.date(year, 1, 8), ref) for i in inds if i.id not in carried]
    if year == 2024:  # a project granted mid-year (initial: false); 2025 gets it only by its carry-forward
        late = Indicator(year, "905003", "AQGZ", "2050204", "PROJECT", 2_400_000_00, ["31003", "30213"],
                         project=("21000024P000000300102", "校园安全设施改造"), spend_rate=(0.5, 0.6))
        inds = inds + [late]
        out.append(late.appropriation(late.budget, False, dt.date(year, 5, 20), "示财指〔%d〕36号" % year))
    authority = {i.id: i.budget + carried.get(i.id, 0) for i in inds}
    by_key = {(i.unit, i.key): i for i in inds}

    def adjust(number, key, fen, reason, date, doc):
        authority[by_key[key].id] += fen
        sign = "-" if fen < 0 else ""
        return {"type": "ADJUSTMENT", "indicatorId": by_key[key].id, "adjustmentId": "905-TZ%d-%03d" % (year, number),
                "amount": sign + yuan(abs(fen)), "reason": reason, "effectiveDate": date.isoformat(),
                "documentRef": doc}

    out.append(adjust(1, ("905001", "GZTS"), 1_500_000_00 if year == 2024 else 1_200_000_00, "追加普通高中质量提升资金",
                      dt.date(year, 6, 12), "示财指〔%d〕41号" % year))
    out.append(adjust(2, ("905004", "XXPX"), -120_000_00, "压减一般性支出", dt.date(year, 7, 3),
                      "示财指〔%d〕58号" % year))
    # a transfer (调剂) between two basic indicators of the 本级
    source, target = by_key[("905001", "JBZC")], by_key[("905001", "YLBZ")]
    out.append({"type": "TRANSFER", "transferId": "905-TJ%d-001" % year, "fromIndicatorId": source.id,
                "toIndicatorId": target.id, "amount": yuan(80_000_00), "reason": "调剂公用经费用于医疗保障缴费",
                "effectiveDate": dt.date(year, 9, 15).isoformat(), "documentRef": "示财指〔%d〕77号" % year})
    authority[source.id] -= 80_000_00
    authority[target.id] += 80_000_00

    # each month the funds arrive (财政拨款到账, or 事业收入) ahead of the month's payments
    targets = {i.id: int(authority[i.id] * rng.uniform(*i.spend_rate)) for i in inds}
    # an indicator pays from the month after it opens (a late one) or from January
    first_month = {i.id: 6 if i.key == "AQGZ" and i.id not in carried else 1 for i in inds}
    monthly = {i.id: [0] * (first_month[i.id] - 1) + split(targets[i.id], 13 - first_month[i.id], rng) for i in inds}
    balance = {i.id: carried.get(i.id, 0) for i in inds}
    number = {"income": 0, "pay": 0}
    first_pay = None
    for month in range(1, 13):
        for i in inds:
            if month < first_month[i.id]:
                continue
            spend = monthly[i.id][month - 1]
            income = spend + (authority[i.id] - targets[i.id] - carried.get(i.id, 0)) // (13 - first_month[i.id])
            if income > 0:
                number["income"] += 1
                out.append({"type": "INCOME", "indicatorId": i.id, "incomeId": "905-SR%d-%05d" % (year, number["income"]),
                            "amount": yuan(income), "effectiveDate": dt.date(year, month, 9).isoformat(),
                            "description": "事业收入" if i.fund == "BUSINESS" else "财政拨款资金到账"})
                balance[i.id] += income
            for piece, code in zip(split(spend, len(i.economic), rng), i.economic):
                number["pay"] += 1
                pay_id = "905-ZF%d-%06d" % (year, number["pay"])
                first_pay = first_pay or (pay_id, i.id, piece)
                out.append({"type": "EXPENDITURE", "expenditureId": pay_id, "indicatorId": i.id,
                            "amount": yuan(piece), "economicCode": code,
                            "effectiveDate": dt.date(year, month, rng.randint(10, 27)).isoformat(),
                            "voucherNo": "%s-%d%02d-%05d" % (i.unit, year, month, number["pay"]),
                            "payee": "示例收款单位", "description": "按计划支付"})
                balance[i.id] -= piece
    # a duplicate payment found at the year's end, reversed in red (红字冲销)
    out.append({"type": "REVERSAL", "expenditureId": first_pay[0], "reversalId": "905-CX%d-001" % year,
                "reason": "重复支付，红字冲销", "effectiveDate": dt.date(year, 12, 20).isoformat()})
    balance[first_pay[1]] += first_pay[2]
    return out, inds, balance


def carry_forwards(inds, balance):
    """Year end: basic balances are carried over whole; a project carries half its balance and its
    surplus is taken back (收回), except the late project, which carries everything."""
    out = []
    for i in inds:
        p = {"type": "CARRY_FORWARD", "indicatorId": i.id,
             "targetIndicatorId": i.id.replace("ZB%d" % i.year, "ZB%d" % (i.year + 1)),
             "effectiveDate": dt.date(i.year, 12, 31).isoformat()}
        if i.kind == "PROJECT" and i.key != "AQGZ":
            p.update({"carryOverAmount": yuan(balance[i.id] // 2), "surplusDisposition": "RECAPTURE"})
        out.append(p)
    return out


def main():
    rng = random.Random(SEED)
    units = [{"unitCode": code, "name": name, "departmentCode": DEPARTMENT[0], "departmentName": DEPARTMENT[1],
              "unitType": unit_type} for code, name, unit_type, _, _ in UNITS]
    first, second = indicators(2024), indicators(2025)
    postings, first, balance = year_postings(2024, first, {}, rng)
    postings += [i.appropriation(i.budget, True, dt.date(2025, 1, 8), "示财预〔2025〕3号") for i in second]
    postings += carry_forwards(first, balance)
    # 2025's indicators start with what 2024 carried into them (a recaptured surplus is gone)
    carried = {}
    for p in postings[-len(first):]:
        source = next(i for i in first if i.id == p["indicatorId"])
        carried[p["targetIndicatorId"]] = (int(p["carryOverAmount"].replace(".", "")) if "carryOverAmount" in p
                                           else balance[source.id])
    late = [i for i in first if i.key == "AQGZ"][0]
    second.append(Indicator(2025, late.unit, late.key, late.functional, "PROJECT", 0, late.economic,
                            project=late.project, spend_rate=(0.9, 0.95)))
    postings += year_postings(2025, second, carried, rng)[0]
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(UNITS_FILE, "w", encoding="utf-8") as f:
        json.dump(units, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open(BATCH_FILE, "w", encoding="utf-8") as f:
        f.write('{"atomic": true, "postings": [\n')
        f.write(",\n".join(json.dumps(p, ensure_ascii=False) for p in postings))
        f.write("\n]}\n")
    print("%d units, %d postings" % (len(units), len(postings)))


if __name__ == "__main__":
    main()
