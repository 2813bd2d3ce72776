package io.github.srgandl4j.core.nn;

import java.util.Objects;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * What a network builder needs: the graph to build into, the tensors to bind, the phase, how
 * tensors enter the graph, and two name prefixes.
 *
 * <p>Each tensor is bound once per graph under {@code tensorPrefix + name} (so the same
 * {@code Parameters} can be bound into a training graph as variables and, under a prefix, into
 * another network's graph as constants, copied or shared); a builder that asks for it twice gets the same
 * {@link SDVariable}. Layer outputs are named {@code scope + name}, so that one network can be
 * applied twice in a graph (for example the discriminator on real and on generated images) with
 * shared tensors and distinct activations. Trainers copy values between graphs and
 * {@code Parameters} explicitly.
 *
 * @param sd the graph
 * @param params the tensors
 * @param phase batch-norm behaviour
 * @param binding how tensors enter the graph
 * @param tensorPrefix prefix of the graph names of bound tensors
 * @param scope prefix of the graph names of layer outputs
 */
public record GraphContext(SameDiff sd, Parameters params, Phase phase, Binding binding, String tensorPrefix,
        String scope) {
    /** How tensors enter the graph. */
    public enum Binding {
        /** Trainable tensors become SameDiff variables (state tensors stay constants). */
        VARIABLES,
        /** Every tensor becomes a constant: for inference, or for a network frozen inside another's graph. */
        CONSTANTS,
        /**
         * Every tensor becomes a constant backed by the {@code Parameters}' own array, not a copy: for a network frozen
         * inside another's graph whose weights change between steps (the discriminator in the generator's training
         * graph), so the graph reads them where they are updated instead of holding a second copy.
         */
        SHARED_CONSTANTS
    }

    public GraphContext {
        Objects.requireNonNull(sd, "sd");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(tensorPrefix, "tensorPrefix");
        Objects.requireNonNull(scope, "scope");
    }

    /** A context with no prefixes. */
    public GraphContext(SameDiff sd, Parameters params, Phase phase, Binding binding) {
        this(sd, params, phase, binding, "", "");
    }

    /** The same context with layer outputs named under {@code newScope}. */
    public GraphContext withScope(String newScope) {
        return new GraphContext(sd, params, phase, binding, tensorPrefix, newScope);
    }

    /** The graph name of a layer output. */
    public String name(String layerOutput) {
        return scope + layerOutput;
    }

    /** The graph name of a tensor. */
    public String tensorName(String tensor) {
        return tensorPrefix + tensor;
    }

    /** The graph variable of a tensor, created on first use. */
    public SDVariable tensor(String name) {
        String graphName = tensorName(name);
        if (sd.hasVariable(graphName)) {
            return sd.getVariable(graphName);
        }
        if (binding == Binding.SHARED_CONSTANTS) {
            return sd.constant(graphName, params.get(name));
        }
        boolean variable = binding == Binding.VARIABLES && params.role(name) == Parameters.Role.TRAINABLE;
        return variable ? sd.var(graphName, params.get(name).dup()) : sd.constant(graphName, params.get(name).dup());
    }
}
