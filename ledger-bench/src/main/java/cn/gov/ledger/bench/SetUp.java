package cn.gov.ledger.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Before any measurement: the run's units, and an appropriation on each of its indicators. */
final class SetUp {

    private static final String[] FUNCTIONAL = {"2150501", "2150502", "2150599", "2010101", "2080505"};
    private static final int READ_UNITS = 20;
    private static final int WRITE_UNITS = 4;

    private final BenchOptions o;
    private final Report report;
    private final Service service;
    private final Workload w;

    SetUp(BenchOptions o, Report report, Service service, Workload workload) {
        this.o = o;
        this.report = report;
        this.service = service;
        this.w = workload;
    }

    void run() throws Exception {
        long t = System.nanoTime();
        for (int u = 1; u <= WRITE_UNITS; u++) {
            putUnit(w.writeDept + "-" + u, w.writeDept, "写入测试单位 " + u, "写入测试部门");
        }
        for (int u = 1; u <= READ_UNITS; u++) {
            putUnit(w.readDept + "-" + u, w.readDept, "读取测试单位 " + u, "读取测试部门");
        }
        List<String> appropriations = new ArrayList<>();
        for (int n = 0; n < o.writeIndicators; n++) {
            appropriations.add(appropriation(w.writeIndicator(n), w.writeDept + "-" + (1 + n % WRITE_UNITS), n));
        }
        appropriations.add(appropriation(w.hotIndicator, w.writeDept + "-1", 1));
        for (int n = 0; n < w.loadIndicators(); n++) {
            appropriations.add(appropriation(w.readIndicator(n), w.readDept + "-" + (1 + n % READ_UNITS), n));
        }
        for (int from = 0; from < appropriations.size(); from += 1000) {
            List<String> chunk = appropriations.subList(from, Math.min(appropriations.size(), from + 1000));
            HttpResponse<String> response = service.batchHttp.post("/api/v1/postings:batch",
                    "{\"atomic\":true,\"postings\":[" + String.join(",", chunk) + "]}");
            if (response.statusCode() != 200) {
                throw new IllegalStateException("appropriations refused: " + response.statusCode() + " "
                        + LedgerHttp.abbreviate(response.body()));
            }
        }
        service.process.awaitCaughtUp(Duration.ofMinutes(5));
        report.details.add(String.format(Locale.ROOT, "set-up: %d units, %,d indicators appropriated in %.1f s",
                WRITE_UNITS + READ_UNITS, appropriations.size(), (System.nanoTime() - t) / 1e9));
    }

    private void putUnit(String code, String department, String name, String departmentName) throws Exception {
        HttpResponse<String> response = service.http.put("/api/v1/units/" + code, "{\"name\":\"" + name
                + "\",\"departmentCode\":\"" + department + "\",\"departmentName\":\"" + departmentName + "\"}");
        if (response.statusCode() != 201 && response.statusCode() != 200) {
            throw new IllegalStateException("PUT unit " + code + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** 100,000,000.00 元 each (never exhausted by the bench); every tenth a project; some government funds. */
    private static String appropriation(String id, String unit, int n) {
        boolean project = n % 10 == 0;
        return "{\"type\":\"APPROPRIATION\",\"indicatorId\":\"" + id + "\",\"fiscalYear\":2024,\"unitCode\":\"" + unit
                + "\",\"fundSource\":\"" + (n % 7 == 3 ? "GOVERNMENT_FUND" : "GENERAL_BUDGET")
                + "\",\"functionalCode\":\"" + FUNCTIONAL[n % FUNCTIONAL.length] + "\",\"kind\":\""
                + (project ? "PROJECT\",\"projectCode\":\"P" + (n % 20) + "\",\"projectName\":\"测试项目 " + (n % 20) + "\""
                : "BASIC\"")
                + ",\"amount\":\"100000000.00\",\"effectiveDate\":\"2024-01-01\",\"documentRef\":\"bench\"}";
    }
}
