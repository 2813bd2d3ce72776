package io.github.srgandl4j.core.export;

import io.github.srgandl4j.core.io.AtomicFiles;
import io.github.srgandl4j.core.model.DiscriminatorModel;
import io.github.srgandl4j.core.model.LibraryInfo;
import io.github.srgandl4j.core.model.Provenance;
import io.github.srgandl4j.core.model.SrResNetConfig;
import io.github.srgandl4j.core.model.SrResNetModel;
import io.github.srgandl4j.core.model.SuperResolutionModel;
import io.github.srgandl4j.core.onnx.ValueRange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import onnx.Onnx;

/**
 * Exports the library's models as self-contained ONNX files that any ONNX runtime can run.
 *
 * <p>Generator (an {@link SrResNetModel}: the built-in models and trained SRResNet/SRGAN model files):
 * input {@code lr} and output {@code sr}, both float32 RGB in [0, 1], NCHW, batch, height and width
 * dynamic ({@code [batch, 3, height, width] -> [batch, 3, height*s, width*s]}); BN folded into the
 * convolutions and the model's value ranges folded into the graph (the library's generator ends in
 * tanh, [-1, 1]: the file applies {@code (tanh + 1) / 2}), so no pre- or post-processing is needed.
 *
 * <p>Discriminator ({@link DiscriminatorModel}): input {@code image} [batch, 3, S, S] RGB in [0, 1]
 * (mapped to [-1, 1] inside), output {@code logit} [batch, 1]; BN running statistics folded.
 *
 * <p>Default opset 13 (any 13..19 may be asked for: every op used keeps its semantics there).
 * Provenance goes to {@code metadata_props} (keys in {@link #metadata()}).
 *
 * <pre>{@code
 * OnnxExport.builder().setModel(Models.load("default")).build().write(Path.of("srgan_x4.onnx"));
 * }</pre>
 */
public final class OnnxExport {
    /** Name of the generator's input. */
    public static final String GENERATOR_INPUT = "lr";
    /** Name of the generator's output. */
    public static final String GENERATOR_OUTPUT = "sr";
    /** Name of the discriminator's input. */
    public static final String DISCRIMINATOR_INPUT = "image";
    /** Name of the discriminator's output. */
    public static final String DISCRIMINATOR_OUTPUT = "logit";
    /** Default opset. */
    public static final int DEFAULT_OPSET = 13;
    /** Highest opset offered: the ops used are unchanged up to it. */
    public static final int MAX_OPSET = 19;

    private final SrResNetModel generator;
    private final DiscriminatorModel discriminator;
    private final int opset;
    private final String exportedAt;

    private OnnxExport(Builder b) {
        this.generator = b.generator;
        this.discriminator = b.discriminator;
        this.opset = b.opset;
        this.exportedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ONNX model. */
    public Onnx.ModelProto toModelProto() {
        OnnxGraphWriter w;
        if (generator != null) {
            SrResNetConfig cfg = generator.config();
            w = new OnnxGraphWriter(generator.name());
            SrResNetOnnxGraph.write(w, generator.parameters(), cfg, generator.inputRange(), generator.outputRange(),
                    GENERATOR_INPUT, GENERATOR_OUTPUT);
            w.graph().addInput(OnnxGraphWriter.tensorInfo(GENERATOR_INPUT, "batch", 3L, "height", "width"));
            w.graph().addOutput(OnnxGraphWriter.tensorInfo(GENERATOR_OUTPUT, "batch", 3L,
                    "height_x" + cfg.scale(), "width_x" + cfg.scale()));
        } else {
            long s = discriminator.config().inputSize();
            w = new OnnxGraphWriter("discriminator");
            DiscriminatorOnnxGraph.write(w, discriminator.parameters(), discriminator.config(), DISCRIMINATOR_INPUT,
                    DISCRIMINATOR_OUTPUT);
            w.graph().addInput(OnnxGraphWriter.tensorInfo(DISCRIMINATOR_INPUT, "batch", 3L, s, s));
            w.graph().addOutput(OnnxGraphWriter.tensorInfo(DISCRIMINATOR_OUTPUT, "batch", 1L));
        }
        w.graph().setDocString(docString());
        Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder()
                .setIrVersion(irVersion(opset))
                .setProducerName("srgan-dl4j")
                .setProducerVersion(LibraryInfo.version())
                .setDomain("io.github.srgandl4j")
                .setModelVersion(1)
                .setDocString(docString())
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(w.graph());
        metadata().forEach((k, v) -> m.addMetadataProps(Onnx.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    /** The serialised ONNX file. */
    public byte[] toBytes() {
        return toModelProto().toByteArray();
    }

    /**
     * Writes the ONNX file atomically (complete or not at all), replacing an existing file; the
     * folder must exist.
     */
    public void write(Path file) {
        byte[] bytes = toBytes();
        try {
            AtomicFiles.write(file, tmp -> Files.write(tmp, bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ONNX file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code metadata_props}: {@code srgan.kind} (generator or discriminator), {@code srgan.name},
     * {@code srgan.config.*}, the file's value ranges {@code srgan.input_range}/{@code srgan.output_range}
     * ("0,1"), the network's own ranges folded in ({@code srgan.model_input_range},
     * {@code srgan.model_output_range}), {@code srgan.scale} and {@code srgan.receptive_radius}
     * (generator), {@code srgan.layout} ("NCHW RGB"), {@code srgan.bn_folded}, {@code srgan.exported_at},
     * {@code srgan.exporter_version}, and the model's provenance as {@code srgan.provenance.library_version},
     * {@code srgan.provenance.created_at} and {@code srgan.provenance.<detail>}.
     */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        Provenance prov;
        if (generator != null) {
            SrResNetConfig cfg = generator.config();
            m.put("srgan.kind", "generator");
            m.put("srgan.name", generator.name());
            m.put("srgan.architecture", "srresnet");
            m.put("srgan.config.scale", Integer.toString(cfg.scale()));
            m.put("srgan.config.residual_blocks", Integer.toString(cfg.residualBlocks()));
            m.put("srgan.config.channels", Integer.toString(cfg.channels()));
            m.put("srgan.scale", Integer.toString(cfg.scale()));
            m.put("srgan.receptive_radius", Integer.toString(generator.receptiveRadius()));
            m.put("srgan.input_range", range(ValueRange.ZERO_ONE));
            m.put("srgan.output_range", range(ValueRange.ZERO_ONE));
            m.put("srgan.model_input_range", range(generator.inputRange()));
            m.put("srgan.model_output_range", range(generator.outputRange()));
            prov = generator.provenance();
        } else {
            var cfg = discriminator.config();
            m.put("srgan.kind", "discriminator");
            m.put("srgan.name", "discriminator");
            m.put("srgan.config.input_size", Integer.toString(cfg.inputSize()));
            m.put("srgan.config.base_channels", Integer.toString(cfg.baseChannels()));
            m.put("srgan.config.dense_units", Integer.toString(cfg.denseUnits()));
            m.put("srgan.input_range", range(ValueRange.ZERO_ONE));
            m.put("srgan.model_input_range", range(ValueRange.MINUS_ONE_ONE));
            m.put("srgan.output", "logit (probability of real = sigmoid)");
            prov = discriminator.provenance();
        }
        m.put("srgan.layout", "NCHW RGB float32");
        m.put("srgan.bn_folded", "true");
        m.put("srgan.exported_at", exportedAt);
        m.put("srgan.exporter_version", LibraryInfo.version());
        m.put("srgan.provenance.library_version", prov.libraryVersion());
        m.put("srgan.provenance.created_at", prov.createdAt());
        prov.details().forEach((k, v) -> m.put("srgan.provenance." + k, v));
        return m;
    }

    private String docString() {
        if (generator != null) {
            return String.format(Locale.ROOT, "srgan-dl4j %s generator x%d: input 'lr' [batch, 3, height, width], output 'sr'"
                    + " [batch, 3, height*%d, width*%d], both RGB float32 in [0, 1] (NCHW)", generator.name(),
                    generator.scale(), generator.scale(), generator.scale());
        }
        long s = discriminator.config().inputSize();
        return "srgan-dl4j SRGAN discriminator: input 'image' [batch, 3, " + s + ", " + s
                + "] RGB float32 in [0, 1] (NCHW), output 'logit' [batch, 1]";
    }

    /** The ONNX IR version released with the opset (IR 7: opsets 13-14, IR 8: 15-18, IR 9: 19). */
    static long irVersion(int opset) {
        return opset <= 14 ? 7 : opset <= 18 ? 8 : 9;
    }

    private static String range(ValueRange r) {
        return fmt(r.min()) + "," + fmt(r.max());
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** DJL-style builder: exactly one of {@link #setModel} and {@link #setDiscriminator}. */
    public static final class Builder {
        private SrResNetModel generator;
        private DiscriminatorModel discriminator;
        private int opset = DEFAULT_OPSET;

        private Builder() {}

        /**
         * The generator to export. Only the library's own SRResNet/SRGAN generators can be exported;
         * an imported ONNX generator is refused (its original ONNX file already is the export).
         */
        public Builder setModel(SuperResolutionModel model) {
            if (!(model instanceof SrResNetModel m)) {
                throw new IllegalArgumentException("ONNX export supports the library's SRResNet/SRGAN generators; '"
                        + model.name() + "' is " + model.getClass().getSimpleName()
                        + " (an imported ONNX generator: use the ONNX file it was imported from)");
            }
            this.generator = m;
            return this;
        }

        /**
         * The discriminator to export instead of a generator (flatten or global-average head: the file gives one logit
         * per image).
         *
         * @throws IllegalArgumentException for the patch head
         */
        public Builder setDiscriminator(DiscriminatorModel discriminator) {
            java.util.Objects.requireNonNull(discriminator, "discriminator");
            if (discriminator.config().head() == io.github.srgandl4j.core.model.DiscriminatorConfig.Head.PATCH) {
                throw new IllegalArgumentException("a discriminator with the patch head gives one logit per patch; the "
                        + "ONNX export writes one logit per image (flatten or global-average head)");
            }
            this.discriminator = discriminator;
            return this;
        }

        /** ONNX opset, 13 (default) to 19. */
        public Builder optOpsetVersion(int opset) {
            if (opset < DEFAULT_OPSET || opset > MAX_OPSET) {
                throw new IllegalArgumentException("opset must be " + DEFAULT_OPSET + ".." + MAX_OPSET + ", got " + opset);
            }
            this.opset = opset;
            return this;
        }

        public OnnxExport build() {
            if ((generator == null) == (discriminator == null)) {
                throw new IllegalStateException("set exactly one of setModel (a generator) and setDiscriminator");
            }
            return new OnnxExport(this);
        }
    }
}
