package io.github.srgandl4j.core.nn;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * What a network builder needs: the graph to build into, the tensors to bind, the phase, and
 * whether tensors become trainable variables or constants.
 *
 * <p>Each tensor is bound once per graph under its own name (so the same {@code Parameters} can
 * be bound into a training graph as variables and into an inference graph as constants); a
 * builder that asks for it twice gets the same {@link SDVariable}. Whether the graph shares the
 * array with {@code params} is SameDiff's business: trainers copy values back explicitly.
 *
 * @param sd the graph
 * @param params the tensors
 * @param phase batch-norm behaviour
 * @param binding how tensors enter the graph
 */
public record GraphContext(SameDiff sd, Parameters params, Phase phase, Binding binding) {
    /** How tensors enter the graph. */
    public enum Binding {
        /** Trainable tensors become SameDiff variables (state tensors stay constants). */
        VARIABLES,
        /** Every tensor becomes a constant: for inference, or for a network frozen inside another's graph. */
        CONSTANTS
    }

    public GraphContext {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(binding, "binding");
    }

    /** The graph variable of a tensor, created on first use. */
    public SDVariable tensor(String name) {
        if (sd.hasVariable(name)) {
            return sd.getVariable(name);
        }
        boolean variable = binding == Binding.VARIABLES && params.role(name) == Parameters.Role.TRAINABLE;
        return variable ? sd.var(name, params.get(name).dup()) : sd.constant(name, params.get(name).dup());
    }
}
