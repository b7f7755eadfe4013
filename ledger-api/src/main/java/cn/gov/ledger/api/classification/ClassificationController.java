package cn.gov.ledger.api.classification;

import cn.gov.ledger.core.classification.ClassificationCatalog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The classification code lists (政府收支分类科目). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reference data")
public class ClassificationController {

    @Operation(summary = "The functional classification (支出功能分类科目): 类, 款 and 项")
    @GetMapping("/classifications/functional")
    Map<String, Object> functional() {
        return codes(ClassificationCatalog.standard().functionalCodes());
    }

    @Operation(summary = "The economic classification (部门预算支出经济分类科目): 类 and 款")
    @GetMapping("/classifications/economic")
    Map<String, Object> economic() {
        return codes(ClassificationCatalog.standard().economicCodes());
    }

    private static Map<String, Object> codes(Map<String, String> codes) {
        return Map.of("rows", codes.entrySet().stream()
                .map(e -> Map.of("code", e.getKey(), "name", e.getValue())).toList());
    }
}
