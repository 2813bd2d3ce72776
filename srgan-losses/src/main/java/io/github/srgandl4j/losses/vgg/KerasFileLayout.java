package io.github.srgandl4j.losses.vgg;

/** How a Keras HDF5 file arranges its layer weights. */
public enum KerasFileLayout {
    /**
     * Weights only ({@code model.save_weights(...)}, e.g. Keras' {@code vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5}):
     * one group per layer at the root, with the attribute {@code layer_names}.
     */
    WEIGHTS_ONLY,
    /** A full Keras 2 model file ({@code model.save(...)}): {@code model_config} plus the layer groups under {@code model_weights}. */
    FULL_MODEL
}
