package io.github.srgandl4j.core.model;

import io.github.srgandl4j.core.nn.Parameters;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The SRGAN discriminator with its weights, BN statistics and provenance, as saved in model files. */
public final class DiscriminatorModel {
    /** Model-file kind tag. */
    public static final String KIND = "discriminator";

    private final DiscriminatorConfig config;
    private final Parameters parameters;
    private final Provenance provenance;

    /** A model from its parts; fails if the tensors do not fit the configuration. */
    public DiscriminatorModel(DiscriminatorConfig config, Parameters parameters, Provenance provenance) {
        this(config, parameters, provenance, null);
        SrResNetModel.fail(SrResNetModel.countProblem(config.parameterCount(), parameters), null);
        SrResNetModel.checkTensors(parameters, Discriminator.initialise(config, 0), null);
    }

    /** Without the tensor check, for callers that made it already (it builds a full reference set of tensors). */
    private DiscriminatorModel(DiscriminatorConfig config, Parameters parameters, Provenance provenance, Void checked) {
        this.config = Objects.requireNonNull(config, "config");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    public static DiscriminatorModel initialise(DiscriminatorConfig config, long seed) {
        return new DiscriminatorModel(config, Discriminator.initialise(config, seed),
                Provenance.now(Map.of("init", "random, seed " + seed)));
    }

    public DiscriminatorConfig config() {
        return config;
    }

    public Parameters parameters() {
        return parameters;
    }

    public Provenance provenance() {
        return provenance;
    }

    public ModelArchive toArchive() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("config", ModelHeaders.discriminatorConfig(config));
        header.put("provenance", ModelHeaders.provenance(provenance));
        return new ModelArchive(KIND, header, parameters, Map.of());
    }

    public void save(Path file) {
        ModelFiles.write(file, toArchive());
    }

    public static DiscriminatorModel load(Path file) {
        ModelArchive a = ModelFiles.read(file);
        if (!KIND.equals(a.kind())) {
            throw new ModelFileException(file.toAbsolutePath(), "holds a '" + a.kind() + "' model, expected '" + KIND + "'");
        }
        try {
            DiscriminatorConfig cfg = ModelHeaders.discriminatorConfig(ModelHeaders.map(a.header(), "config"));
            SrResNetModel.fail(SrResNetModel.countProblem(cfg.parameterCount(), a.parameters()), file);
            SrResNetModel.checkTensors(a.parameters(), Discriminator.initialise(cfg, 0), file);
            return new DiscriminatorModel(cfg, a.parameters(),
                    ModelHeaders.provenance(ModelHeaders.map(a.header(), "provenance")), null);
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            throw new ModelFileException(file.toAbsolutePath(), "invalid header: " + e.getMessage(), e);
        }
    }
}
