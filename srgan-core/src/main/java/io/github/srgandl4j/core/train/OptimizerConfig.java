package io.github.srgandl4j.core.train;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Adam with a step learning-rate schedule: {@code learningRate} until iteration {@code decayAt},
 * then {@code learningRate * decayFactor} (the paper: 1e-4, then 1e-5).
 *
 * @param learningRate initial learning rate
 * @param beta1 Adam beta1 (the paper: 0.9)
 * @param beta2 Adam beta2
 * @param epsilon Adam epsilon
 * @param decayAt iteration (0-based, counted over the stage) from which the decayed rate applies;
 *     {@code Long.MAX_VALUE} for none
 * @param decayFactor multiplier applied at {@code decayAt}
 */
public record OptimizerConfig(double learningRate, double beta1, double beta2, double epsilon, long decayAt,
        double decayFactor) {
    public OptimizerConfig {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1)");
        }
        if (decayAt < 0 || !(decayFactor > 0)) {
            throw new IllegalArgumentException("decayAt must be >= 0 and decayFactor > 0");
        }
    }

    /** Adam(lr, beta1 0.9, beta2 0.999, eps 1e-8), no decay. */
    public static OptimizerConfig adam(double learningRate) {
        return new OptimizerConfig(learningRate, 0.9, 0.999, 1e-8, Long.MAX_VALUE, 1);
    }

    /** The same optimizer with the rate multiplied by {@code factor} from iteration {@code at}. */
    public OptimizerConfig withDecay(long at, double factor) {
        return new OptimizerConfig(learningRate, beta1, beta2, epsilon, at, factor);
    }

    /**
     * This optimizer as iterations {@code 0 .. n-1} saw it: without the decay when it starts at
     * {@code n} or later. Two configurations equal here ran those iterations identically, so a
     * run stopped at {@code n} may resume with either (how a schedule is extended or changed).
     */
    public OptimizerConfig asRunBefore(long n) {
        return decayAt >= n ? new OptimizerConfig(learningRate, beta1, beta2, epsilon, Long.MAX_VALUE, 1) : this;
    }

    private static final Pattern TO_STRING = Pattern.compile(
            "OptimizerConfig\\[learningRate=([^,]+), beta1=([^,]+), beta2=([^,]+), epsilon=([^,]+), "
                    + "decayAt=(-?\\d+), decayFactor=([^\\]]+)]");

    /** Reads back {@link #toString()} (as checkpoints record it); empty when {@code s} is not one. */
    static Optional<OptimizerConfig> parse(String s) {
        Matcher m = TO_STRING.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OptimizerConfig(Double.parseDouble(m.group(1)),
                    Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                    Long.parseLong(m.group(5)), Double.parseDouble(m.group(6))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The learning rate at a 0-based iteration. */
    public double learningRateAt(long iteration) {
        return iteration >= decayAt ? learningRate * decayFactor : learningRate;
    }

    /** The ND4J updater configuration. */
    public IUpdater toUpdater() {
        ISchedule schedule;
        if (decayAt == Long.MAX_VALUE || decayAt > Integer.MAX_VALUE) {
            schedule = new MapSchedule(ScheduleType.ITERATION, java.util.Map.of(0, learningRate));
        } else {
            java.util.Map<Integer, Double> m = new java.util.HashMap<>();
            m.put(0, learningRate);
            m.put((int) decayAt, learningRate * decayFactor);
            schedule = new MapSchedule(ScheduleType.ITERATION, m);
        }
        return Adam.builder().learningRateSchedule(schedule).beta1(beta1).beta2(beta2).epsilon(epsilon).build();
    }
}
