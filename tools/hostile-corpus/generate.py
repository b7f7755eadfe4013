#!/usr/bin/env python3
"""Writes the corpus of hostile and malformed requests that HostileInputTest sends.

One JSON object per line: name, method, path, contentType, body (the raw text sent), and the
expected status and problem code. Placeholders filled in by the test: {indicator} (an open
BASIC indicator with 1000.00), {restricted} (restricted to 30217), {closed} (carried forward),
{expenditure} (100.00 spent on {indicator}), {unit} (a registered unit), {n} (unique per request).
Two bodies are made by the test, being too large to keep here: {oversized-body} (17 MiB) and
{batch-of-10001} (one posting more than a batch may hold).
Run: python3 tools/hostile-corpus/generate.py > ledger-api/src/test/resources/hostile-requests.jsonl
"""
import json

cases = []


def case(name, method, path, body, status, code, content_type="application/json"):
    cases.append({"name": name, "method": method, "path": path, "contentType": content_type,
                  "body": body if isinstance(body, str) else json.dumps(body, ensure_ascii=False),
                  "status": status, "code": code})


def appropriation(**over):
    b = {"indicatorId": "NEW-{n}", "fiscalYear": 2024, "unitCode": "{unit}", "fundSource": "GENERAL_BUDGET",
         "functionalCode": "2150501", "kind": "BASIC", "amount": "100.00", "effectiveDate": "2024-01-05"}
    b.update(over)
    return {k: v for k, v in b.items() if v is not DROP}


def expenditure(**over):
    b = {"expenditureId": "E-{n}", "indicatorId": "{indicator}", "amount": "1.00", "economicCode": "30201",
         "effectiveDate": "2024-02-01"}
    b.update(over)
    return {k: v for k, v in b.items() if v is not DROP}


def income(**over):
    b = {"incomeId": "I-{n}", "amount": "1.00", "effectiveDate": "2024-02-01"}
    b.update(over)
    return {k: v for k, v in b.items() if v is not DROP}


def adjustment(**over):
    b = {"adjustmentId": "A-{n}", "amount": "1.00", "reason": "追加", "effectiveDate": "2024-02-01"}
    b.update(over)
    return {k: v for k, v in b.items() if v is not DROP}


def reversal(**over):
    b = {"reversalId": "R-{n}", "amount": "1.00", "reason": "冲销", "effectiveDate": "2024-03-01"}
    b.update(over)
    return {k: v for k, v in b.items() if v is not DROP}


def transfer(**over):
    b = {"transferId": "T-{n}", "fromIndicatorId": "{indicator}", "toIndicatorId": "{restricted}", "amount": "1.00",
         "reason": "调剂", "effectiveDate": "2024-02-01"}
    b.update(over)
    return {k: v for k, v in b.items() if v is not DROP}


DROP = object()
V, U = "VALIDATION_FAILED", "UNKNOWN_CODE"
EXP, IND, INC = "/api/v1/expenditures", "/api/v1/indicators", "/api/v1/indicators/{indicator}/incomes"
ADJ, REV, TRF = "/api/v1/indicators/{indicator}/adjustments", "/api/v1/expenditures/{expenditure}/reversals", "/api/v1/transfers"
BATCH = "/api/v1/postings:batch"
ENDPOINTS = [("expenditure", EXP, expenditure), ("appropriation", IND, appropriation), ("income", INC, income),
             ("adjustment", ADJ, adjustment), ("reversal", REV, reversal), ("transfer", TRF, transfer)]

# amounts: every way an amount can be wrong, on every endpoint that takes one
bad_amounts = [("negative", "-5.00"), ("three decimals", "1.234"), ("exponent", "1e5"), ("upper exponent", "1E2"),
               ("NaN", "NaN"), ("Infinity", "Infinity"), ("huge", "1000000000000000.00"),
               ("far too huge", "9" * 40), ("comma grouping", "1,000.00"), ("spaces", " 1.00"),
               ("empty", ""), ("plus sign", "+1.00"), ("hex", "0x10"), ("letters", "abc"),
               ("trailing dot", "1."), ("leading dot", ".5"), ("double dot", "1..0"),
               ("full-width digits", "１００.００"), ("SQL", "1; DROP TABLE domain_event_entry"),
               ("number not string", 12.5)]
for label, path, make in ENDPOINTS:
    for what, amount in bad_amounts:
        if what == "negative" and label in ("appropriation", "adjustment"):
            continue  # an appropriation of less than zero is below; an adjustment may be negative
        case(f"{label}: amount {what}", "POST", path, make(amount=amount), 400, V)
    if label in ("expenditure", "income", "reversal", "transfer"):
        case(f"{label}: zero amount", "POST", path, make(amount="0.00"), 400, V)
        case(f"{label}: negative amount", "POST", path, make(amount="-1.00"), 400, V)
case("appropriation: negative amount", "POST", IND, appropriation(amount="-100.00"), 400, V)
case("adjustment: zero amount", "POST", ADJ, adjustment(amount="0"), 400, V)

# missing and extra fields
for label, path, make in ENDPOINTS:
    required = {"expenditure": ["expenditureId", "indicatorId", "amount", "economicCode", "effectiveDate"],
                "appropriation": ["indicatorId", "fiscalYear", "unitCode", "fundSource", "functionalCode", "kind",
                                  "amount", "effectiveDate"],
                "income": ["incomeId", "amount", "effectiveDate"],
                "adjustment": ["adjustmentId", "amount", "reason", "effectiveDate"],
                "reversal": ["reversalId", "reason", "effectiveDate"],
                "transfer": ["transferId", "fromIndicatorId", "toIndicatorId", "amount", "reason", "effectiveDate"]}[label]
    for field in required:
        case(f"{label}: missing {field}", "POST", path, make(**{field: DROP}), 400, V)
        case(f"{label}: null {field}", "POST", path, make(**{field: None}), 400, V)
    case(f"{label}: extra field", "POST", path, dict(make(), amout="1.00"), 400, V)
    case(f"{label}: empty object", "POST", path, {}, 400, V)

# wrong JSON types
for field, value in [("fiscalYear", "abc"), ("fiscalYear", 2024.5), ("fiscalYear", [2024]), ("fundSource", "CASH"),
                     ("kind", "OTHER"), ("initial", "yes"), ("effectiveDate", "2024-13-01"),
                     ("effectiveDate", "05/01/2024"), ("effectiveDate", 20240105), ("unitCode", {"a": 1}),
                     ("amount", True), ("amount", ["1.00"]), ("fiscalYear", 99999), ("fiscalYear", 1800)]:
    case(f"appropriation: {field} = {json.dumps(value, ensure_ascii=False)}", "POST", IND,
         appropriation(**{field: value}), 400, V)
for field, value in [("effectiveDate", "2024-02-30"), ("effectiveDate", "yesterday"), ("economicCode", 30201),
                     ("indicatorId", 7), ("voucherNo", ["V"]), ("payee", {"name": "x"})]:
    case(f"expenditure: {field} = {json.dumps(value, ensure_ascii=False)}", "POST", EXP,
         expenditure(**{field: value}), 400, V)

# unknown and malformed codes
# (21598 and 21596 are no 款 of 215: a 项 not listed under a listed 款 is for ledger.classifications.unlisted-items)
for code in ["2159898", "1234567", "2159698", "9999999"]:
    case(f"appropriation: unknown functional code {code}", "POST", IND, appropriation(functionalCode=code), 400, U)
for code in ["215", "21505", "21505011", "abcdefg", "2150 501", "215050١"]:
    case(f"appropriation: malformed functional code {code}", "POST", IND, appropriation(functionalCode=code), 400, V)
for code in ["99999", "30298", "39901"]:
    case(f"expenditure: unknown economic code {code}", "POST", EXP, expenditure(economicCode=code), 400, U)
for code in ["302", "3020", "302011", "x0201", ""]:
    case(f"expenditure: malformed economic code '{code}'", "POST", EXP, expenditure(economicCode=code),
         400, U if code == "302" else V)
case("appropriation: unknown restriction", "POST", IND, appropriation(economicCode="99999"), 400, U)
case("appropriation: unregistered unit", "POST", IND, appropriation(unitCode="NO-SUCH-UNIT"), 400, U)

# domain refusals: dates, closed indicators, budget, reversals, restrictions
for date in ["2023-12-31", "2025-01-01", "1999-06-30"]:
    case(f"expenditure dated {date}", "POST", EXP, expenditure(effectiveDate=date), 422,
         "EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR")
    case(f"income dated {date}", "POST", INC, income(effectiveDate=date), 422, "EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR")
case("appropriation dated outside its year", "POST", IND, appropriation(effectiveDate="2025-01-05"), 422,
     "EFFECTIVE_DATE_OUTSIDE_FISCAL_YEAR")
case("spend on a closed indicator", "POST", EXP, expenditure(indicatorId="{closed}"), 409, "INDICATOR_CLOSED")
case("income on a closed indicator", "POST", "/api/v1/indicators/{closed}/incomes", income(), 409, "INDICATOR_CLOSED")
case("adjust a closed indicator", "POST", "/api/v1/indicators/{closed}/adjustments", adjustment(), 409,
     "INDICATOR_CLOSED")
case("carry a closed indicator forward again, elsewhere", "POST", "/api/v1/indicators/{closed}/carry-forward",
     {"targetIndicatorId": "OTHER-{n}", "surplusDisposition": "CARRY", "effectiveDate": "2024-12-31"}, 409,
     "ID_CONFLICT")
for amount in ["1000.01", "5000.00", "999999999.99"]:
    case(f"overspend by {amount}", "POST", EXP, expenditure(amount=amount), 409, "BUDGET_EXCEEDED")
case("transfer more than is left", "POST", TRF, transfer(amount="5000.00"), 409, "BUDGET_EXCEEDED")
case("adjust below what was spent", "POST", ADJ, adjustment(amount="-950.00"), 409, "BUDGET_BELOW_SPENT")
for amount in ["100.01", "250.00"]:
    case(f"reverse {amount} of 100.00", "POST", REV, reversal(amount=amount), 409, "REVERSAL_EXCEEDS_EXPENDITURE")
case("reverse an unknown expenditure", "POST", "/api/v1/expenditures/NO-SUCH-E/reversals", reversal(), 404,
     "EXPENDITURE_NOT_FOUND")
case("spend on an unknown indicator", "POST", EXP, expenditure(indicatorId="NO-SUCH-IND"), 404, "INDICATOR_NOT_FOUND")
case("income on an unknown indicator", "POST", "/api/v1/indicators/NO-SUCH-IND/incomes", income(), 404,
     "INDICATOR_NOT_FOUND")
case("restricted indicator, other code", "POST", EXP, expenditure(indicatorId="{restricted}"), 422,
     "ECONOMIC_CODE_NOT_ALLOWED")
case("transfer to itself", "POST", TRF, transfer(toIndicatorId="{indicator}"), 422, "TRANSFER_NOT_ALLOWED")
case("carry-forward split above the balance", "POST", "/api/v1/indicators/{indicator}/carry-forward",
     {"targetIndicatorId": "NEXT-{n}", "carryOverAmount": "99999.00", "surplusDisposition": "CARRY",
      "effectiveDate": "2024-12-31"}, 422, "CARRY_FORWARD_SPLIT_INVALID")

# ids: huge, control characters, SQL and script text
for label, path, make, field in [("expenditure", EXP, expenditure, "expenditureId"),
                                 ("expenditure", EXP, expenditure, "indicatorId"),
                                 ("appropriation", IND, appropriation, "indicatorId"),
                                 ("income", INC, income, "incomeId"), ("adjustment", ADJ, adjustment, "adjustmentId"),
                                 ("reversal", REV, reversal, "reversalId"), ("transfer", TRF, transfer, "transferId")]:
    for what, value in [("10 KB id", "X" * 10240), ("NUL", "ID\u0000-{n}"), ("newline", "ID\n-{n}"),
                        ("tab", "ID\t{n}"), ("SQL", "x'; DROP TABLE domain_event_entry; --"),
                        ("script", "<script>alert(1)</script>"), ("spaces", "id with spaces"), ("blank", "   "),
                        ("quote", "ID\"{n}"), ("escape", "ID\u001b[31m")]:
        case(f"{label}: {field} {what}", "POST", path, make(**{field: value}), 400, V)
# free text: control characters and markup
for label, path, make, field in [("expenditure", EXP, expenditure, "description"),
                                 ("expenditure", EXP, expenditure, "payee"),
                                 ("expenditure", EXP, expenditure, "voucherNo"),
                                 ("adjustment", ADJ, adjustment, "reason"),
                                 ("appropriation", IND, appropriation, "documentRef"),
                                 ("income", INC, income, "description"), ("reversal", REV, reversal, "reason")]:
    for what, value in [("script", "<script>alert('x')</script>"), ("NUL", "a\u0000b"), ("bell", "a\u0007b"),
                        ("10 KB", "长" * 10240), ("html", "<img src=x onerror=alert(1)>")]:
        case(f"{label}: {field} {what}", "POST", path, make(**{field: value}), 400, V)

# broken JSON, wrong content types, oversized bodies
for what, raw in [("truncated", '{"expenditureId": "x", "amount": '), ("not JSON", "hello"), ("empty body", ""),
                  ("array", "[]"), ("trailing comma", '{"expenditureId": "x",}'), ("single quotes", "{'a': 1}"),
                  ("unclosed string", '{"expenditureId": "x'), ("bare number", "42"), ("null", "null"),
                  ("nested garbage", '{"amount": {"$gt": ""}}'), ("BOM and garbage", "\ufeff{{")]:
    case(f"expenditure: {what}", "POST", EXP, raw, 400, V)
for ctype in ["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]:
    case(f"expenditure as {ctype}", "POST", EXP, expenditure(), 415, "UNSUPPORTED_MEDIA_TYPE", ctype)
case("oversized body", "POST", EXP, "{oversized-body}", 413, "PAYLOAD_TOO_LARGE")

# batches
case("batch: empty", "POST", BATCH, {"atomic": True, "postings": []}, 400, V)
case("batch: no postings", "POST", BATCH, {"atomic": True}, 400, V)
case("batch: unknown type", "POST", BATCH, {"atomic": True, "postings": [dict(expenditure(), type="BRIBE")]}, 400, V)
case("batch: missing type", "POST", BATCH, {"atomic": True, "postings": [expenditure()]}, 400, V)
case("batch: null item", "POST", BATCH, {"atomic": True, "postings": [None]}, 400, V)
case("batch: too many postings", "POST", BATCH, "{batch-of-10001}", 413, "BATCH_TOO_LARGE")
case("batch atomic: one overspend among good", "POST", BATCH, {"atomic": True, "postings": [
    dict(expenditure(expenditureId="BA-{n}-1"), type="EXPENDITURE"),
    dict(expenditure(expenditureId="BA-{n}-2", amount="5000.00"), type="EXPENDITURE")]}, 409, "BUDGET_EXCEEDED")
case("batch atomic: one malformed among good", "POST", BATCH, {"atomic": True, "postings": [
    dict(expenditure(expenditureId="BB-{n}-1"), type="EXPENDITURE"),
    dict(expenditure(expenditureId="BB-{n}-2", amount="1.001"), type="EXPENDITURE")]}, 400, V)

# the same id with other content than an accepted posting
case("repeat of the fixture expenditure with another amount", "POST", EXP,
     expenditure(expenditureId="{expenditure}", amount="100.01"), 409, "ID_CONFLICT")
case("repeat of the fixture appropriation with another amount", "POST", IND,
     appropriation(indicatorId="{indicator}", amount="1000.01"), 409, "ID_CONFLICT")

for c in cases:
    print(json.dumps(c, ensure_ascii=False))
