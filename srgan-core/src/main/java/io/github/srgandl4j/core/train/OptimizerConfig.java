package io.github.srgandl4j.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Adam with a multi-step learning-rate schedule: {@code learningRate} until the first step of
 * {@code decayAt}, then multiplied by {@code decayFactor} at each of them (the paper: 1e-4, then
 * 1e-5 from half way; BasicSR's {@code MultiStepLR} with several milestones).
 *
 * @param learningRate initial learning rate
 * @param beta1 Adam beta1 (the paper: 0.9)
 * @param beta2 Adam beta2
 * @param epsilon Adam epsilon
 * @param decayAt iterations (0-based, counted over the stage, ascending, distinct) from which the
 *     rate is multiplied by {@code decayFactor} once more; empty for none
 * @param decayFactor multiplier applied at each step of {@code decayAt} (1 when there is none)
 */
public record OptimizerConfig(double learningRate, double beta1, double beta2, double epsilon, List<Long> decayAt,
        double decayFactor) {
    /** How {@link #toString()} writes "no decay" (as checkpoints of the single-decay schedule did). */
    private static final long NONE = Long.MAX_VALUE;

    public OptimizerConfig {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1)");
        }
        if (!(decayFactor > 0)) {
            throw new IllegalArgumentException("decayFactor must be > 0, got " + decayFactor);
        }
        decayAt = checkedDecaySteps(decayAt);
        if (decayAt.isEmpty()) {
            decayFactor = 1; // one form for "no decay", so that equal schedules compare and print equal
        }
    }

    /**
     * {@code steps} as an unmodifiable list, if every one is >= 0 (and not {@code Long.MAX_VALUE}, which stands
     * for "none") and they are ascending and distinct; otherwise an {@link IllegalArgumentException} saying which
     * rule is broken.
     */
    public static List<Long> checkedDecaySteps(List<Long> steps) {
        List<Long> s = List.copyOf(steps);
        for (int i = 0; i < s.size(); i++) {
            if (s.get(i) < 0 || s.get(i) == NONE) {
                throw new IllegalArgumentException("decay steps must be >= 0, got " + s.get(i));
            }
            if (i > 0 && s.get(i) <= s.get(i - 1)) {
                throw new IllegalArgumentException("decay steps must be ascending and distinct, got " + s);
            }
        }
        return s;
    }

    /**
     * One decay at {@code decayAt} ({@code Long.MAX_VALUE}: none), the form of the single-step
     * schedule.
     */
    public OptimizerConfig(double learningRate, double beta1, double beta2, double epsilon, long decayAt,
            double decayFactor) {
        this(learningRate, beta1, beta2, epsilon, decayAt == NONE ? List.of() : List.of(decayAt), decayFactor);
    }

    /** Adam(lr, beta1 0.9, beta2 0.999, eps 1e-8), no decay. */
    public static OptimizerConfig adam(double learningRate) {
        return new OptimizerConfig(learningRate, 0.9, 0.999, 1e-8, List.of(), 1);
    }

    /**
     * The same optimizer with the rate multiplied by {@code factor} from iteration {@code at} (one decay;
     * {@code Long.MAX_VALUE}: none).
     */
    public OptimizerConfig withDecay(long at, double factor) {
        return withDecays(at == NONE ? List.of() : List.of(at), factor);
    }

    /** The same optimizer with the rate multiplied by {@code factor} at each of {@code steps} (ascending). */
    public OptimizerConfig withDecays(List<Long> steps, double factor) {
        return new OptimizerConfig(learningRate, beta1, beta2, epsilon, steps, factor);
    }

    /** The same optimizer with Adam's {@code beta2} replaced. */
    public OptimizerConfig withBeta2(double b2) {
        return new OptimizerConfig(learningRate, beta1, b2, epsilon, decayAt, decayFactor);
    }

    /**
     * This optimizer as iterations {@code 0 .. n-1} saw it: without the decays that start at
     * {@code n} or later. Two configurations equal here ran those iterations identically, so a
     * run stopped at {@code n} may resume with either (how a schedule is extended or changed).
     */
    public OptimizerConfig asRunBefore(long n) {
        return withDecays(decayAt.stream().filter(s -> s < n).toList(), decayFactor);
    }

    /**
     * {@code OptimizerConfig[learningRate=.., beta1=.., beta2=.., epsilon=.., decayAt=.., decayFactor=..]},
     * with {@code decayAt} as one step, {@code Long.MAX_VALUE} for none, or steps joined by {@code ;}:
     * the single-decay schedule's checkpoints read back unchanged.
     */
    @Override
    public String toString() {
        String steps = decayAt.isEmpty() ? Long.toString(NONE)
                : decayAt.stream().map(String::valueOf).collect(Collectors.joining(";"));
        return "OptimizerConfig[learningRate=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon="
                + epsilon + ", decayAt=" + steps + ", decayFactor=" + decayFactor + "]";
    }

    private static final Pattern TO_STRING = Pattern.compile(
            "OptimizerConfig\\[learningRate=([^,]+), beta1=([^,]+), beta2=([^,]+), epsilon=([^,]+), "
                    + "decayAt=(-?\\d+(?:;-?\\d+)*), decayFactor=([^\\]]+)]");

    /** Reads back {@link #toString()} (as checkpoints record it); empty when {@code s} is not one. */
    static Optional<OptimizerConfig> parse(String s) {
        Matcher m = TO_STRING.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            List<Long> steps = new ArrayList<>();
            for (String part : m.group(5).split(";")) {
                steps.add(Long.parseLong(part));
            }
            if (steps.equals(List.of(NONE))) {
                steps.clear();
            }
            return Optional.of(new OptimizerConfig(Double.parseDouble(m.group(1)),
                    Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)),
                    steps, Double.parseDouble(m.group(6))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The learning rate at a 0-based iteration. */
    public double learningRateAt(long iteration) {
        double r = learningRate;
        for (long s : decayAt) {
            if (iteration >= s) {
                r *= decayFactor;
            }
        }
        return r;
    }

    /** The ND4J updater configuration. */
    public IUpdater toUpdater() {
        java.util.Map<Integer, Double> m = new java.util.HashMap<>();
        m.put(0, learningRate);
        for (long s : decayAt) {
            if (s <= Integer.MAX_VALUE) { // ND4J's schedules count iterations in an int
                m.put((int) s, learningRateAt(s));
            }
        }
        ISchedule schedule = new MapSchedule(ScheduleType.ITERATION, m);
        return Adam.builder().learningRateSchedule(schedule).beta1(beta1).beta2(beta2).epsilon(epsilon).build();
    }
}
