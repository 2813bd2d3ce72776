package io.github.srgandl4j.core.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.protobuf.InvalidProtocolBufferException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports an image-to-image generator (e.g. a PyTorch SRGAN/SRResNet/ESRGAN exported with
 * {@code torch.onnx.export}) from an ONNX file into a SameDiff graph, without the
 * samediff-import-onnx framework: the ONNX protobuf is read with the classes bundled in nd4j-api and
 * every node is translated by this package's own op mappers (NCHW as the model sees it; by default
 * the inference rewrites of {@code ImportRewrites} then run convolutions channels-last, CRD
 * depth-to-space as the native op and a final convolution after a x2 shuffle as a polyphase
 * convolution, where each is valid; {@link OnnxImportOptions#inferenceRewrites()} switches them off).
 *
 * <p>Requirements on the model: one 4-D float input [N, C, H, W] with a fixed channel count (batch,
 * height and width may be dynamic; the imported graph accepts any), one output, and only the ops in
 * {@link #supportedOps()}. Anything else fails with an {@link OnnxImportException} naming the file,
 * the node and the op or attribute.
 *
 * <pre>{@code
 * ImportedOnnxModel m = new OnnxGeneratorImporter().importFile(Path.of("srgan_x4.onnx"));
 * INDArray sr = m.output(lr);   // lr: [1, 3, h, w] in m.inputRange(); sr: [1, 3, 4h, 4w]
 * }</pre>
 */
public final class OnnxGeneratorImporter {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxGeneratorImporter.class);
    private static final int ONNX_FLOAT = 1;

    private final OnnxImportOptions options;

    /** An importer with {@link OnnxImportOptions#defaults()}. */
    public OnnxGeneratorImporter() {
        this(OnnxImportOptions.defaults());
    }

    /** An importer with the given options. */
    public OnnxGeneratorImporter(OnnxImportOptions options) {
        io.github.srgandl4j.core.runtime.OmpWaitPolicyCheck.warnOnce();
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The ONNX op types this importer translates. */
    public static Set<String> supportedOps() {
        return OnnxOpRegistry.supportedOps();
    }

    /**
     * Reads and imports {@code file}.
     *
     * @throws OnnxImportException if the file is missing, unreadable, not an ONNX model, or uses
     *     unsupported ops or attributes (the message names the file and the node)
     */
    public ImportedOnnxModel importFile(Path file) {
        return importModel(read(file), file.toAbsolutePath().normalize().toString());
    }

    /**
     * Imports a model from the bytes of an ONNX file (e.g. a blob kept inside a library model file).
     *
     * @param source names the model in messages and in {@link ImportedOnnxModel#source()}
     */
    public ImportedOnnxModel importBytes(byte[] onnxBytes, String source) {
        Onnx.ModelProto model;
        try {
            model = Onnx.ModelProto.parseFrom(onnxBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException("not an ONNX model (protobuf parse failed): " + source + ": " + e.getMessage(), e);
        }
        checkParsed(model, source);
        return importModel(model, source);
    }

    /**
     * Parses an ONNX model file.
     *
     * @throws OnnxImportException naming the file if it is missing, unreadable or not an ONNX model
     */
    public static Onnx.ModelProto read(Path file) {
        Objects.requireNonNull(file, "file");
        if (!Files.isRegularFile(file)) {
            throw new OnnxImportException("ONNX model file not found (or not a regular file): " + file.toAbsolutePath());
        }
        Onnx.ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = Onnx.ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxImportException("not an ONNX model (protobuf parse failed): " + file.toAbsolutePath()
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new OnnxImportException("cannot read ONNX model file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        checkParsed(model, file.toAbsolutePath().toString());
        return model;
    }

    private static void checkParsed(Onnx.ModelProto model, String source) {
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || model.getOpsetImportCount() == 0) {
            throw new OnnxImportException("not an ONNX model (no graph, nodes or opset): " + source);
        }
    }

    /**
     * Imports an already parsed model.
     *
     * @param source names the model in messages and in {@link ImportedOnnxModel#source()}
     */
    public ImportedOnnxModel importModel(Onnx.ModelProto model, String source) {
        TranslatedGraph g = translate(model, source);
        long[] probeHw = probeSize(g.input());
        long[] outShape = probe(g, probeHw, source);
        int scale = scale(probeHw, outShape, source);
        Map<String, Integer> counts = OnnxOpRegistry.count(model.getGraph().getNodeList());
        String producer = (model.getProducerName() + " " + model.getProducerVersion()).trim();
        LOG.info("imported ONNX model {} ({}, opset {}): {} nodes {}, input '{}' {} channels, output '{}' {} channels,"
                + " scale x{}, receptive radius {} px", source, producer, g.opset(), model.getGraph().getNodeCount(), counts,
                g.inputName(), g.channels(), g.outputName(), outShape[1], scale, g.receptiveRadius());
        ImportRewrites.Summary r = g.rewrites();
        LOG.info("inference rewrites of {}: {}", source, r.enabled()
                ? r.channelsLastConvs() + " convolutions channels-last, " + r.reorderedConvs() + " reordered for a native"
                        + " depth-to-space, " + r.polyphaseConvs() + " polyphase, " + r.layoutPermutes() + " layout permutes"
                : "off" + (options.trainable() ? " (weights imported as trainable)" : ""));
        return new ImportedOnnxModel(g.sd(), g.inputName(), g.outputName(), g.channels(), (int) outShape[1], scale,
                g.receptiveRadius(), options.inputRange(), options.outputRange(), source, g.opset(), producer, counts);
    }

    /** The SameDiff translation of a model, before the probe run. */
    record TranslatedGraph(SameDiff sd, String inputName, String outputName, int channels, long opset,
                           Onnx.ValueInfoProto input, int receptiveRadius, ImportRewrites.Summary rewrites) {}

    /** Translates the model's graph into SameDiff (no probe run, no scale check). */
    TranslatedGraph translate(Onnx.ModelProto model, String source) {
        long opset = defaultOpset(model, source);
        Onnx.GraphProto graph = model.getGraph();
        checkOps(graph, source);

        SameDiff sd = SameDiff.create();
        List<String> outputs = graph.getOutputList().stream().map(Onnx.ValueInfoProto::getName).toList();
        ImportRewrites rewrites = new ImportRewrites(options.inferenceRewrites() && !options.trainable(),
                graph.getNodeList(), outputs);
        ImportContext ctx = new ImportContext(sd, options, source, rewrites);
        Set<String> initializerNames = new HashSet<>();
        for (Onnx.TensorProto t : graph.getInitializerList()) {
            initializerNames.add(t.getName());
            ctx.put(OnnxValue.ofConstant(t.getName(),
                    OnnxTensors.toArray(t, "initializer '" + t.getName() + "' of model " + source)));
        }
        Onnx.ValueInfoProto input = singleInput(graph, initializerNames, source);
        int channels = inputChannels(input, source);
        String inputName = ctx.uniqueName(input.getName());
        SDVariable placeholder = sd.placeHolder(inputName, DataType.FLOAT, -1, channels, -1, -1);
        ctx.put(OnnxValue.ofVariable(input.getName(), placeholder, 4).withChannels(channels));

        List<Onnx.NodeProto> ordered = topologicalOrder(graph, ctx, source);
        for (Onnx.NodeProto n : ordered) {
            OnnxNode node = new OnnxNode(n, source, opset);
            OnnxOpRegistry.mapper(n.getOpType()).map(node, ctx);
        }

        if (graph.getOutputCount() != 1) {
            throw new OnnxImportException("model " + source + " has " + graph.getOutputCount()
                    + " outputs; a generator must have exactly one");
        }
        String outputName = outputVariable(ctx, graph.getOutput(0).getName(), source);
        int radius = ReceptiveField.radius(ordered, input.getName(), graph.getOutput(0).getName(), opset, name -> {
            OnnxValue v = ctx.get(name);
            return v == null ? null : v.constant();
        });
        return new TranslatedGraph(sd, inputName, outputName, channels, opset, input, radius, rewrites.summary());
    }

    private static String outputVariable(ImportContext ctx, String onnxOutput, String source) {
        OnnxValue v = ctx.get(onnxOutput);
        if (v == null) {
            throw new OnnxImportException("output '" + onnxOutput + "' of model " + source + " is not produced by any node");
        }
        if (v.isConstant() || (v.variable() == null && v.nhwc() == null && v.packed() == null)) {
            throw new OnnxImportException("output '" + onnxOutput + "' of model " + source + " does not depend on the input");
        }
        return ctx.nchw(v).name();
    }

    private static long defaultOpset(Onnx.ModelProto model, String source) {
        for (Onnx.OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                return id.getVersion();
            }
        }
        throw new OnnxImportException("model " + source + " declares no opset for the default ONNX domain");
    }

    private static void checkOps(Onnx.GraphProto graph, String source) {
        for (Onnx.NodeProto n : graph.getNodeList()) {
            boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
            if (!defaultDomain || OnnxOpRegistry.mapper(n.getOpType()) == null) {
                String op = defaultDomain ? n.getOpType() : n.getDomain() + "." + n.getOpType();
                throw new OnnxImportException("unsupported ONNX op '" + op + "' in node '" + n.getName() + "' of model "
                        + source + " (supported: " + String.join(", ", OnnxOpRegistry.supportedOps()) + ")");
            }
        }
    }

    private static Onnx.ValueInfoProto singleInput(Onnx.GraphProto graph, Set<String> initializers, String source) {
        List<Onnx.ValueInfoProto> inputs = new ArrayList<>();
        for (Onnx.ValueInfoProto vi : graph.getInputList()) {
            if (!initializers.contains(vi.getName())) {
                inputs.add(vi);
            }
        }
        if (inputs.size() != 1) {
            throw new OnnxImportException("model " + source + " has " + inputs.size() + " inputs "
                    + inputs.stream().map(Onnx.ValueInfoProto::getName).toList() + "; a generator must have exactly one");
        }
        return inputs.get(0);
    }

    private static int inputChannels(Onnx.ValueInfoProto input, String source) {
        Onnx.TypeProto.Tensor t = input.getType().getTensorType();
        if (t.getElemType() != ONNX_FLOAT) {
            throw new OnnxImportException("input '" + input.getName() + "' of model " + source + " has element type "
                    + OnnxTensors.dataTypeName(t.getElemType()) + "; only FLOAT inputs are supported");
        }
        if (t.getShape().getDimCount() != 4) {
            throw new OnnxImportException("input '" + input.getName() + "' of model " + source
                    + " must be 4-D NCHW, but has " + t.getShape().getDimCount() + " dimensions");
        }
        Onnx.TensorShapeProto.Dimension c = t.getShape().getDim(1);
        if (!c.hasDimValue() || c.getDimValue() < 1) {
            throw new OnnxImportException("input '" + input.getName() + "' of model " + source
                    + " must have a fixed channel count (dimension 1), found '" + c.getDimParam() + "'");
        }
        return (int) c.getDimValue();
    }

    /** Height and width for the probe run: the input's fixed size if it has one, else the option. */
    private long[] probeSize(Onnx.ValueInfoProto input) {
        Onnx.TensorShapeProto shape = input.getType().getTensorType().getShape();
        long[] hw = new long[2];
        for (int i = 0; i < 2; i++) {
            Onnx.TensorShapeProto.Dimension d = shape.getDim(2 + i);
            hw[i] = d.hasDimValue() && d.getDimValue() > 0 ? d.getDimValue() : options.probeSize();
        }
        return hw;
    }

    private static long[] probe(TranslatedGraph g, long[] hw, String source) {
        int channels = g.channels();
        try (INDArray zeros = Nd4j.zeros(DataType.FLOAT, 1, channels, hw[0], hw[1])) {
            INDArray out = g.sd().output(Map.of(g.inputName(), zeros), g.outputName()).get(g.outputName());
            long[] shape = out.shape();
            out.close();
            return shape;
        } catch (RuntimeException e) {
            throw new OnnxImportException("model " + source + " imported, but running it on a 1x" + channels + "x"
                    + hw[0] + "x" + hw[1] + " probe input failed: " + e.getMessage(), e);
        }
    }

    private static int scale(long[] inHw, long[] outShape, String source) {
        if (outShape.length != 4) {
            throw new OnnxImportException("model " + source + " gives a " + outShape.length + "-D output; expected NCHW");
        }
        long oh = outShape[2];
        long ow = outShape[3];
        if (oh % inHw[0] != 0 || ow % inHw[1] != 0 || oh / inHw[0] != ow / inHw[1]) {
            throw new OnnxImportException("model " + source + " maps " + inHw[0] + "x" + inHw[1] + " to " + oh + "x" + ow
                    + ", which is not one integer scale factor");
        }
        return (int) (oh / inHw[0]);
    }

    /** The graph's nodes in an order where each node comes after the producers of its inputs. */
    private static List<Onnx.NodeProto> topologicalOrder(Onnx.GraphProto graph, ImportContext ctx, String source) {
        Map<String, Integer> producer = new HashMap<>();
        List<Onnx.NodeProto> nodes = graph.getNodeList();
        for (int i = 0; i < nodes.size(); i++) {
            for (String o : nodes.get(i).getOutputList()) {
                if (!o.isEmpty()) {
                    producer.put(o, i);
                }
            }
        }
        int[] missing = new int[nodes.size()];
        Map<Integer, List<Integer>> consumers = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : new HashSet<>(nodes.get(i).getInputList())) {
                if (in.isEmpty() || ctx.has(in)) {
                    continue;
                }
                Integer p = producer.get(in);
                if (p == null) {
                    throw new OnnxImportException("node '" + nodes.get(i).getName() + "' (op " + nodes.get(i).getOpType()
                            + ") of model " + source + " reads '" + in + "', which no node, initializer or input produces");
                }
                missing[i]++;
                consumers.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (missing[i] == 0) {
                ready.add(i);
            }
        }
        List<Onnx.NodeProto> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (int c : consumers.getOrDefault(i, List.of())) {
                if (--missing[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != nodes.size()) {
            throw new OnnxImportException("the graph of model " + source + " has a cycle");
        }
        return order;
    }
}
