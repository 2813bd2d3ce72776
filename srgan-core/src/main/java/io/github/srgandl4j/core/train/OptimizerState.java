package io.github.srgandl4j.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;

/** Reads and restores the per-variable updater state (Adam's M and V) of a SameDiff training graph. */
final class OptimizerState {
    private OptimizerState() {}

    /** Copies of every updater state array, keyed {@code variable/stateName}; empty before the first step. */
    static Map<String, INDArray> snapshot(SameDiff sd) {
        Map<String, INDArray> out = new LinkedHashMap<>();
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        if (updaters == null) {
            return out;
        }
        updaters.forEach((var, u) -> {
            Map<String, INDArray> state = u.getState();
            if (state != null) {
                state.forEach((k, v) -> out.put(var + "/" + k, v.dup()));
            }
        });
        return out;
    }

    /**
     * Creates SameDiff's updater state if it does not exist yet, as the first {@code fit()} would (the
     * protected {@code initializeTraining()}, called by reflection).
     */
    static void initialize(SameDiff sd) {
        if (sd.getUpdaterMap() == null) {
            try {
                java.lang.reflect.Method init = SameDiff.class.getDeclaredMethod("initializeTraining");
                init.setAccessible(true);
                init.invoke(sd);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot initialise SameDiff's updater state: " + e, e);
            }
        }
    }

    /**
     * Assigns saved state in place; every state array of the graph must be present with the same
     * shape. SameDiff creates its updater state lazily in the protected {@code initializeTraining()}
     * (on the first {@code fit()}), which this calls first, by reflection, so the state can be
     * restored before the first step.
     */
    static void restore(SameDiff sd, Map<String, INDArray> saved) {
        initialize(sd);
        Map<String, GradientUpdater> updaters = sd.getUpdaterMap();
        int restored = 0;
        for (Map.Entry<String, GradientUpdater> e : updaters.entrySet()) {
            Map<String, INDArray> state = e.getValue().getState();
            if (state == null) {
                continue;
            }
            for (Map.Entry<String, INDArray> s : state.entrySet()) {
                String key = e.getKey() + "/" + s.getKey();
                INDArray v = saved.get(key);
                if (v == null || v.length() != s.getValue().length()) {
                    throw new IllegalStateException("checkpoint has no optimizer state '" + key + "' of length "
                            + s.getValue().length());
                }
                s.getValue().assign(v.reshape(s.getValue().shape()));
                restored++;
            }
        }
        if (restored != saved.size()) {
            throw new IllegalStateException("checkpoint has " + saved.size() + " optimizer state arrays, the graph "
                    + restored);
        }
    }
}
