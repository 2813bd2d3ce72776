package io.github.srgandl4j.rate.stats;

import java.util.List;
import java.util.Locale;

/**
 * The rating distributions as an SVG figure in the manner of the paper's Fig. 5: one column per
 * method, one cell per score (1 at the bottom, 5 at the top) shaded by the share of the method's
 * ratings with that score (white 0%, dark blue 100%, the share printed in the cell), and the mean
 * as a red marker.
 */
public final class DistributionFigure {
    private static final int CELL_W = 64;
    private static final int CELL_H = 40;
    private static final int LEFT = 56;
    private static final int TOP = 16;
    private static final int BOTTOM = 90;

    private DistributionFigure() {}

    /** The figure of {@code methods} as a standalone SVG document. */
    public static String svg(List<MethodSummary> methods) {
        int w = LEFT + CELL_W * Math.max(1, methods.size()) + 16;
        int h = TOP + CELL_H * 5 + BOTTOM;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", w, h, w, h));
        b.append("<title>Distribution of ratings per method; red marker: mean</title>\n");
        b.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>%n", w, h));
        for (int s = 1; s <= 5; s++) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>%n", LEFT - 8,
                    yOf(s) + 4, s));
        }
        b.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "score</text>%n", TOP + CELL_H * 5 / 2));
        for (int i = 0; i < methods.size(); i++) {
            MethodSummary m = methods.get(i);
            int x = LEFT + i * CELL_W;
            for (int s = 1; s <= 5; s++) {
                double share = m.n() == 0 ? 0 : m.counts().get(s - 1) / (double) m.n();
                int top = yOf(s) - CELL_H / 2;
                b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                        + "stroke=\"#ccc\"><title>%s: %d of %d rated %d</title></rect>%n", x, top, CELL_W, CELL_H,
                        shade(share), escape(m.method()), m.counts().get(s - 1), m.n(), s));
                b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"%s\">%.0f%%"
                        + "</text>%n", x + CELL_W / 2, yOf(s) + 4, share > 0.5 ? "#fff" : "#333", share * 100));
            }
            if (m.n() > 0) {
                double y = yOf(1) - (m.mos() - 1) * CELL_H;
                b.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1f l7 -7 l7 7 l-7 7 z\" fill=\"#e00\" "
                        + "stroke=\"#fff\"><title>%s: mean %.3f</title></path>%n", x + CELL_W / 2.0 - 7, y,
                        escape(m.method()), m.mos()));
            }
            int lx = x + CELL_W / 2;
            int ly = TOP + CELL_H * 5 + 10;
            b.append(String.format(Locale.ROOT, "<text transform=\"translate(%d,%d) rotate(45)\">%s</text>%n", lx - 4,
                    ly, escape(m.method())));
        }
        return b.append("</svg>\n").toString();
    }

    private static int yOf(int score) {
        return TOP + (5 - score) * CELL_H + CELL_H / 2;
    }

    /** White (0) to dark blue (1). */
    static String shade(double share) {
        int r = (int) Math.round(255 + (8 - 255) * share);
        int g = (int) Math.round(255 + (48 - 255) * share);
        int bl = (int) Math.round(255 + (107 - 255) * share);
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, bl);
    }

    /** Escapes text for XML/HTML. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
