package io.github.srgandl4j.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** Medians and the JSON writer, against hand-computed values and an independent parser. */
class BenchUnitsTest {
    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, CaseResult.median(List.of(5.0, 1.0, 3.0)));
        assertEquals(2.5, CaseResult.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(7.0, new CaseResult(BenchCase.INFER, List.of(7.0), "x").medianMs());
        assertThrows(IllegalArgumentException.class, () -> new CaseResult(BenchCase.INFER, List.of(), "x"));
    }

    @Test
    void jsonReportParsesBackWithTheSameValues() throws Exception {
        CaseResult a = new CaseResult(BenchCase.TRAIN_MSE, List.of(10.04, 30.0, 20.0), "quote \" back\\slash\ttab");
        String line = BenchJson.report(2, List.of(a), List.of(512.0), 600.25, Map.of("k", "v"));
        JsonNode root = new ObjectMapper().readTree(line);
        JsonNode c = root.get("cases").get("train-mse");
        assertEquals(20.0, c.get("median_ms").asDouble());
        assertEquals(10.0, c.get("runs_ms").get(0).asDouble());
        assertEquals("quote \" back\\slash\ttab", c.get("description").asText());
        assertEquals(600.3, root.get("peak_rss_mib").asDouble(), 1e-9);
        assertEquals("v", root.get("environment").get("k").asText());
        assertEquals("null", BenchJson.number(Double.NaN));
    }

    @Test
    void variantsAndRatiosAreWrittenWithTheirMedians() throws Exception {
        CaseResult a = new CaseResult(BenchCase.INFER_ONNX, List.of(4.0, 2.0), "x",
                Map.of("m/ort", List.of(1.0, 3.0, 2.0)), Map.of("m samediff/ort", 1.5));
        JsonNode c = new ObjectMapper().readTree(BenchJson.report(2, List.of(a), List.of(1.0), 1.0, Map.of()))
                .get("cases").get("infer-onnx");
        assertEquals(3.0, c.get("median_ms").asDouble());
        assertEquals(2.0, c.get("variants").get("m/ort").get("median_ms").asDouble());
        assertEquals(3, c.get("variants").get("m/ort").get("runs_ms").size());
        assertEquals(1.5, c.get("ratios").get("m samediff/ort").asDouble());
    }

    @Test
    void caseNamesRoundTrip() {
        for (BenchCase c : BenchCase.values()) {
            assertEquals(c, BenchCase.parse(c.id()));
        }
        assertThrows(IllegalArgumentException.class, () -> BenchCase.parse("INFER"));
    }
}
