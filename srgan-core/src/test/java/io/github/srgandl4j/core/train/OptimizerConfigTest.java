package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OptimizerConfigTest {
    @Test
    void toStringReadsBack() {
        OptimizerConfig a = OptimizerConfig.adam(1e-4).withDecay(200, 0.1);
        assertEquals(Optional.of(a), OptimizerConfig.parse(a.toString()));
        OptimizerConfig b = new OptimizerConfig(3e-5, 0.5, 0.99, 1e-7, Long.MAX_VALUE, 1);
        assertEquals(Optional.of(b), OptimizerConfig.parse(b.toString()));
        // as written by the session-3 checkpoints
        assertEquals(Optional.of(OptimizerConfig.adam(1e-4)), OptimizerConfig.parse("OptimizerConfig[learningRate=1.0E-4,"
                + " beta1=0.9, beta2=0.999, epsilon=1.0E-8, decayAt=9223372036854775807, decayFactor=1.0]"));
        assertTrue(OptimizerConfig.parse("Adam(1e-4)").isEmpty());
        assertTrue(OptimizerConfig.parse(a.toString().replace("decayAt=200", "decayAt=-1")).isEmpty(), "invalid values");
    }

    @Test
    void asRunBeforeDropsADecayThatHasNotStarted() {
        OptimizerConfig d = OptimizerConfig.adam(1e-4).withDecay(200, 0.1);
        assertEquals(OptimizerConfig.adam(1e-4), d.asRunBefore(200), "iterations 0..199 never saw the decay");
        assertEquals(OptimizerConfig.adam(1e-4), d.asRunBefore(0));
        assertEquals(d, d.asRunBefore(201), "iteration 200 ran at 1e-5");
        assertEquals(1e-5, d.learningRateAt(200), 1e-18);
        assertEquals(1e-4, d.learningRateAt(199), 1e-18);
    }

    @Test
    void resumeComparisonIgnoresOnlyTheFutureOfTheSchedule() {
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("stage", "ADVERSARIAL");
        was.put("generatorOptimizer", OptimizerConfig.adam(1e-4).toString());
        was.put("discriminatorOptimizer", OptimizerConfig.adam(1e-4).toString());
        Map<String, Object> now = new LinkedHashMap<>(was);
        now.put("generatorOptimizer", OptimizerConfig.adam(1e-4).withDecay(200, 0.1).toString());
        now.put("discriminatorOptimizer", OptimizerConfig.adam(1e-4).withDecay(200, 0.1).toString());
        assertEquals(SrganTrainer.asRunBefore(was, 200, 1), SrganTrainer.asRunBefore(now, 200, 1));
        assertTrue(!SrganTrainer.asRunBefore(was, 201, 1).equals(SrganTrainer.asRunBefore(now, 201, 1)));
        // with 2 D steps per G step the discriminator has run 400 iterations by step 200
        assertTrue(!SrganTrainer.asRunBefore(was, 200, 2).equals(SrganTrainer.asRunBefore(now, 200, 2)));
        now.put("discriminatorOptimizer", OptimizerConfig.adam(1e-4).withDecay(400, 0.1).toString());
        assertEquals(SrganTrainer.asRunBefore(was, 200, 2), SrganTrainer.asRunBefore(now, 200, 2));
    }
}
