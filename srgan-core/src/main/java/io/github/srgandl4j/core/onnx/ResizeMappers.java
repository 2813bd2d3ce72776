package io.github.srgandl4j.core.onnx;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ONNX Resize (opset 10+) and Upsample (opset 7-9) for integer upscaling of height and width with
 * modes nearest and linear. Each output pixel {@code k*s + i} reads source coordinate
 * {@code k + d_i} given by the coordinate transformation mode, with indices clamped to the border;
 * since |d_i| &lt; 1 it only needs the input pixels k-1, k, k+1 (see {@link NchwOps#upsampleTaps}).
 * Supported coordinate transformations: half_pixel, pytorch_half_pixel, asymmetric, and
 * tf_half_pixel_for_nn (nearest). align_corners, tf_crop_and_resize, cubic, non-integer scales and
 * the sizes input fail with a message naming the node and the attribute.
 */
final class ResizeMappers {
    private ResizeMappers() {}

    static void resize(OnnxNode node, ImportContext ctx) {
        StructureMappers.checkRank4(node, ctx);
        String mode = node.stringAttr("mode", "nearest");
        String transform;
        String nearestMode;
        INDArray scales;
        if (node.opset() < 11) {
            // Resize-10: inputs (X, scales), asymmetric coordinates, nearest rounds down when upsampling
            transform = "asymmetric";
            nearestMode = "floor";
            scales = ctx.constant(node, 1, "scales");
        } else {
            if (node.hasAttribute("axes")) {
                throw node.error("attribute axes is not supported (scales must cover all 4 dimensions)");
            }
            transform = node.stringAttr("coordinate_transformation_mode", "half_pixel");
            nearestMode = node.stringAttr("nearest_mode", "round_prefer_floor");
            if (node.hasInput(3)) {
                throw node.error("the sizes input is not supported; export with a scale factor (scales input)");
            }
            if (!node.hasInput(2)) {
                throw node.error("the scales input is missing");
            }
            scales = ctx.constant(node, 2, "scales");
        }
        apply(node, ctx, mode, transform, nearestMode, scales);
    }

    static void upsample(OnnxNode node, ImportContext ctx) {
        StructureMappers.checkRank4(node, ctx);
        String mode = node.stringAttr("mode", "nearest");
        INDArray scales;
        if (node.hasInput(1)) {
            scales = ctx.constant(node, 1, "scales");
        } else {
            float[] s = node.floatsAttr("scales", null);
            if (s == null) {
                throw node.error("neither a scales input nor a scales attribute is given");
            }
            scales = org.nd4j.linalg.factory.Nd4j.createFromArray(s);
        }
        apply(node, ctx, mode.equals("bilinear") ? "linear" : mode, "asymmetric", "floor", scales);
    }

    private static void apply(OnnxNode node, ImportContext ctx, String mode, String transform, String nearestMode,
                              INDArray scales) {
        if (scales.length() == 0) {
            throw node.error("the scales input is empty; the sizes input is not supported (export with a scale factor)");
        }
        double[] s = scales.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        if (s.length != 4 || s[0] != 1 || s[1] != 1) {
            throw node.error("scales " + Arrays.toString(s) + " are not supported (need [1, 1, sH, sW])");
        }
        int sh = integerScale(node, s[2]);
        int sw = integerScale(node, s[3]);
        if (!mode.equals("nearest") && !mode.equals("linear")) {
            throw node.error("mode '" + mode + "' is not supported (supported: nearest, linear)");
        }
        double[][] tapsH = taps(node, mode, transform, nearestMode, sh);
        double[][] tapsW = taps(node, mode, transform, nearestMode, sw);
        ctx.setOutput(node, 0, NchwOps.upsampleTaps(ctx.sd(), ctx.var(node, 0), tapsH, tapsW), 4);
    }

    private static int integerScale(OnnxNode node, double s) {
        if (s < 1 || s != Math.rint(s)) {
            throw node.error("scale " + s + " is not supported (only integer upscaling factors >= 1)");
        }
        return (int) s;
    }

    /**
     * Weights of source pixels (k-1, k, k+1) for each output phase i of scale s: the source
     * coordinate is k + d_i.
     */
    static double[][] taps(OnnxNode node, String mode, String transform, String nearestMode, int s) {
        double[][] taps = new double[s][3];
        for (int i = 0; i < s; i++) {
            double d = switch (transform) {
                case "half_pixel", "pytorch_half_pixel" -> (i + 0.5) / s - 0.5;
                case "asymmetric" -> (double) i / s;
                case "tf_half_pixel_for_nn" -> {
                    if (!mode.equals("nearest")) {
                        throw node.error("coordinate_transformation_mode 'tf_half_pixel_for_nn' is only valid with mode nearest");
                    }
                    yield (i + 0.5) / s;
                }
                default -> throw node.error("coordinate_transformation_mode '" + transform + "' is not supported"
                        + " (supported: half_pixel, pytorch_half_pixel, asymmetric, tf_half_pixel_for_nn)");
            };
            if (mode.equals("nearest")) {
                int offset = switch (nearestMode) {
                    case "floor" -> (int) Math.floor(d);
                    case "ceil" -> (int) Math.ceil(d);
                    case "round_prefer_floor" -> d - Math.floor(d) == 0.5 ? (int) Math.floor(d) : (int) Math.round(d);
                    case "round_prefer_ceil" -> d - Math.floor(d) == 0.5 ? (int) Math.ceil(d) : (int) Math.round(d);
                    default -> throw node.error("nearest_mode '" + nearestMode + "' is not supported");
                };
                taps[i][offset + 1] = 1;
            } else {
                int lo = (int) Math.floor(d);
                double frac = d - lo;
                taps[i][lo + 1] += 1 - frac;
                if (frac > 0) {
                    taps[i][lo + 2] += frac;
                }
            }
        }
        return taps;
    }
}
