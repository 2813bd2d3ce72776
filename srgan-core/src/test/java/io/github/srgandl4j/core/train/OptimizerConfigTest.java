package io.github.srgandl4j.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
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

    @Test
    void severalDecaysMultiplyTheRateOnceEach() {
        OptimizerConfig m = OptimizerConfig.adam(2e-4).withDecays(List.of(100L, 300L), 0.1);
        // by hand: 2e-4 until 99, 2e-5 from 100, 2e-6 from 300
        long[] at = {0, 99, 100, 299, 300, 10_000};
        double[] want = {2e-4, 2e-4, 2e-5, 2e-5, 2e-6, 2e-6};
        var updater = m.toUpdater();
        for (int i = 0; i < at.length; i++) {
            assertEquals(want[i], m.learningRateAt(at[i]), want[i] * 1e-12, "learningRateAt " + at[i]);
            assertEquals(want[i], updater.getLearningRate((int) at[i], 0), want[i] * 1e-12, "ND4J's schedule at " + at[i]);
        }
        assertEquals("OptimizerConfig[learningRate=2.0E-4, beta1=0.9, beta2=0.999, epsilon=1.0E-8, decayAt=100;300,"
                + " decayFactor=0.1]", m.toString());
        assertEquals(Optional.of(m), OptimizerConfig.parse(m.toString()));
        // one decay prints as the single-decay schedule did, so its checkpoints compare equal
        assertEquals("OptimizerConfig[learningRate=1.0E-4, beta1=0.9, beta2=0.999, epsilon=1.0E-8, decayAt=200,"
                + " decayFactor=0.1]", OptimizerConfig.adam(1e-4).withDecay(200, 0.1).toString());
        assertEquals(OptimizerConfig.adam(1e-4), OptimizerConfig.adam(1e-4).withDecays(List.of(), 0.1), "no decay, one form");

        assertEquals(OptimizerConfig.adam(2e-4).withDecay(100, 0.1), m.asRunBefore(300), "300 not reached yet");
        assertEquals(OptimizerConfig.adam(2e-4).withDecay(100, 0.1), m.asRunBefore(101));
        assertEquals(OptimizerConfig.adam(2e-4), m.asRunBefore(100));
        assertEquals(m, m.asRunBefore(301));

        assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.adam(1e-4).withDecays(List.of(300L, 100L), 0.1));
        assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.adam(1e-4).withDecays(List.of(100L, 100L), 0.1));
        assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.adam(1e-4).withDecays(List.of(-1L), 0.1));
        assertTrue(OptimizerConfig.parse(m.toString().replace("100;300", "300;100")).isEmpty(), "not ascending");
    }

    @Test
    void aResumedRunMayAddADecayAfterItsCheckpointOnly() {
        // a run written with one decay at 12500, stopped at 16000 (the SRResNet run of session 17)
        Map<String, Object> was = new LinkedHashMap<>();
        was.put("stage", "PRETRAIN");
        was.put("generatorOptimizer", OptimizerConfig.adam(2e-4).withDecay(12500, 0.1).toString());
        Map<String, Object> later = new LinkedHashMap<>(was);
        later.put("generatorOptimizer", OptimizerConfig.adam(2e-4).withDecays(List.of(12500L, 22000L), 0.1).toString());
        assertEquals(SrganTrainer.asRunBefore(was, 16000, 1), SrganTrainer.asRunBefore(later, 16000, 1));
        Map<String, Object> past = new LinkedHashMap<>(was);
        past.put("generatorOptimizer", OptimizerConfig.adam(2e-4).withDecays(List.of(12500L, 15000L), 0.1).toString());
        assertTrue(!SrganTrainer.asRunBefore(was, 16000, 1).equals(SrganTrainer.asRunBefore(past, 16000, 1)),
                "a decay inside the run's past changes it");
        Map<String, Object> moved = new LinkedHashMap<>(was);
        moved.put("generatorOptimizer", OptimizerConfig.adam(2e-4).withDecays(List.of(13000L, 22000L), 0.1).toString());
        assertTrue(!SrganTrainer.asRunBefore(was, 16000, 1).equals(SrganTrainer.asRunBefore(moved, 16000, 1)));
    }
}
