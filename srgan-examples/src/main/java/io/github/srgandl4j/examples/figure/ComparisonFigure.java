package io.github.srgandl4j.examples.figure;

import io.github.srgandl4j.core.image.ImageData;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A side-by-side comparison figure in the style of the SRGAN paper's Figure 2: one panel per
 * method (e.g. bicubic, each model, the HR original), each with a title line, a caption (PSNR and
 * SSIM), the whole image (reduced by an integer factor when wider than {@code maxViewWidth}, by
 * averaging each block) with the crop marked in red, and below it the crop enlarged by an integer
 * factor (nearest neighbour, so every enlarged pixel is one image pixel).
 *
 * <p>Pure {@code java.awt} on a {@code BufferedImage}: works headless. Image pixels are set
 * directly (8-bit, rounded), never through a colour conversion, so a panel region of the figure
 * holds exactly the image's pixels; {@link #layout} says where each region is.
 */
public final class ComparisonFigure {
    static final int MARGIN = 12;
    static final int GAP = 12;
    static final int TITLE_HEIGHT = 56;
    static final int BORDER = 2;
    static final Color MARK = new Color(230, 20, 20);

    private ComparisonFigure() {}

    /**
     * One column of the figure.
     *
     * @param title first label line, e.g. the method's name
     * @param caption second label line, e.g. {@code 27.59 dB / 0.7518}
     * @param image the image (all panels of a figure have the same size)
     */
    public record Panel(String title, String caption, ImageData image) {
        public Panel {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * A rectangle of the image, in image pixels.
     *
     * @param x left column
     * @param y top row
     * @param w width
     * @param h height
     */
    public record Crop(int x, int y, int w, int h) {
        /** A centred square whose side is a sixth of the shorter image side (at least 8 pixels). */
        public static Crop centred(int imageWidth, int imageHeight) {
            int side = Math.min(Math.max(8, Math.min(imageWidth, imageHeight) / 6), Math.min(imageWidth, imageHeight));
            return new Crop((imageWidth - side) / 2, (imageHeight - side) / 2, side, side);
        }

        /** Parses {@code x,y,w,h}. */
        public static Crop parse(String text) {
            String[] f = text.split(",");
            if (f.length != 4) {
                throw new IllegalArgumentException("crop must be 'x,y,w,h' in HR pixels, got '" + text + "'");
            }
            try {
                return new Crop(Integer.parseInt(f[0].trim()), Integer.parseInt(f[1].trim()), Integer.parseInt(f[2].trim()),
                        Integer.parseInt(f[3].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("crop must be 'x,y,w,h' with four integers, got '" + text + "'", e);
            }
        }

        /** Checks that the crop lies inside an image of this size. */
        public void check(int imageWidth, int imageHeight) {
            if (w < 1 || h < 1 || x < 0 || y < 0 || x + w > imageWidth || y + h > imageHeight) {
                throw new IllegalArgumentException("crop " + x + "," + y + "," + w + "," + h + " does not fit inside the "
                        + imageWidth + "x" + imageHeight + " image");
            }
        }
    }

    /**
     * Where things are in the figure.
     *
     * @param width figure width
     * @param height figure height
     * @param divisor the whole image is shown reduced by this factor (1 = pixel for pixel)
     * @param zoom each crop pixel is a {@code zoom x zoom} block
     * @param views where each panel's reduced image is
     * @param zooms where each panel's enlarged crop is
     */
    public record Layout(int width, int height, int divisor, int zoom, List<Rectangle> views, List<Rectangle> zooms) {}

    /** The layout for {@code panels} images of {@code w x h} pixels, the crop enlarged to fit the reduced image. */
    public static Layout layout(int w, int h, int panels, Crop crop, int maxViewWidth) {
        return layout(w, h, panels, crop, maxViewWidth, 0);
    }

    /**
     * The layout for {@code panels} images of {@code w x h} pixels, with each crop pixel a {@code zoom x zoom} block
     * ({@code zoom} 0: as large as fits the reduced image's width and twice its height, at least 1).
     */
    public static Layout layout(int w, int h, int panels, Crop crop, int maxViewWidth, int zoom) {
        crop.check(w, h);
        if (zoom < 0) {
            throw new IllegalArgumentException("zoom must be >= 0 (0: automatic), got " + zoom);
        }
        int divisor = Math.max(1, (w + maxViewWidth - 1) / maxViewWidth);
        int viewW = w / divisor;
        int viewH = h / divisor;
        if (zoom == 0) {
            zoom = Math.max(1, Math.min(viewW / crop.w(), 2 * viewH / crop.h()));
        }
        int zoomW = crop.w() * zoom;
        int zoomH = crop.h() * zoom;
        int panelW = Math.max(viewW, zoomW) + 2 * BORDER;
        int viewY = MARGIN + TITLE_HEIGHT;
        int zoomY = viewY + viewH + GAP + BORDER;
        List<Rectangle> views = new ArrayList<>();
        List<Rectangle> zooms = new ArrayList<>();
        for (int i = 0; i < panels; i++) {
            int x0 = MARGIN + i * (panelW + GAP);
            views.add(new Rectangle(x0 + (panelW - viewW) / 2, viewY, viewW, viewH));
            zooms.add(new Rectangle(x0 + (panelW - zoomW) / 2, zoomY, zoomW, zoomH));
        }
        int width = 2 * MARGIN + panels * panelW + (panels - 1) * GAP;
        int height = zoomY + zoomH + BORDER + MARGIN;
        return new Layout(width, height, divisor, zoom, views, zooms);
    }

    /** Draws the figure, the crop enlarged to fit; all panels must have the same size. */
    public static BufferedImage render(List<Panel> panels, Crop crop, int maxViewWidth) {
        return render(panels, crop, maxViewWidth, 0);
    }

    /** Draws the figure with the crop enlarged {@code zoom} times (0: to fit; see {@link #layout}). */
    public static BufferedImage render(List<Panel> panels, Crop crop, int maxViewWidth, int zoom) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one panel");
        }
        int w = panels.get(0).image().width();
        int h = panels.get(0).image().height();
        for (Panel p : panels) {
            if (p.image().width() != w || p.image().height() != h) {
                throw new IllegalArgumentException("panel '" + p.title() + "' is " + p.image().width() + "x"
                        + p.image().height() + ", the first panel " + w + "x" + h + "; all panels must have one size");
            }
        }
        Layout l = layout(w, h, panels.size(), crop, maxViewWidth, zoom);
        BufferedImage fig = new BufferedImage(l.width(), l.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = fig.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, l.width(), l.height());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
            Font captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            for (int i = 0; i < panels.size(); i++) {
                Panel p = panels.get(i);
                Rectangle v = l.views().get(i);
                Rectangle z = l.zooms().get(i);
                ImageData rgb = p.image().isGray() ? p.image().toRgb() : p.image();
                drawReduced(fig, rgb, v, l.divisor());
                drawZoomed(fig, rgb, crop, z, l.zoom());
                g.setColor(MARK);
                g.setStroke(new BasicStroke(BORDER));
                // outlines in the band just outside each region, so no image pixel is covered
                double d = l.divisor();
                int mx = v.x + (int) Math.floor(crop.x() / d);
                int my = v.y + (int) Math.floor(crop.y() / d);
                int mw = (int) Math.ceil((crop.x() + crop.w()) / d) - (int) Math.floor(crop.x() / d);
                int mh = (int) Math.ceil((crop.y() + crop.h()) / d) - (int) Math.floor(crop.y() / d);
                outline(g, mx, my, mw, mh);
                outline(g, z.x, z.y, z.width, z.height);
                g.setColor(Color.BLACK);
                int cx = Math.min(v.x, z.x);
                g.setFont(titleFont);
                g.drawString(p.title(), cx, MARGIN + 15);
                g.setFont(captionFont);
                String[] lines = p.caption().split("\n", 2);
                for (int k = 0; k < lines.length; k++) {
                    g.drawString(lines[k], cx, MARGIN + 33 + 16 * k);
                }
            }
        } finally {
            g.dispose();
        }
        return fig;
    }

    /** A {@link #BORDER}-pixel frame just outside the rectangle (clipped by the figure). */
    private static void outline(Graphics2D g, int x, int y, int w, int h) {
        g.fillRect(x - BORDER, y - BORDER, w + 2 * BORDER, BORDER);
        g.fillRect(x - BORDER, y + h, w + 2 * BORDER, BORDER);
        g.fillRect(x - BORDER, y, BORDER, h);
        g.fillRect(x + w, y, BORDER, h);
    }

    private static void drawReduced(BufferedImage fig, ImageData img, Rectangle v, int k) {
        for (int y = 0; y < v.height; y++) {
            for (int x = 0; x < v.width; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    double sum = 0;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            sum += img.get(c, y * k + dy, x * k + dx);
                        }
                    }
                    rgb = (rgb << 8) | ImageData.toUint8((float) (sum / (k * k)));
                }
                fig.setRGB(v.x + x, v.y + y, rgb);
            }
        }
    }

    private static void drawZoomed(BufferedImage fig, ImageData img, Crop crop, Rectangle z, int zoom) {
        for (int y = 0; y < z.height; y++) {
            for (int x = 0; x < z.width; x++) {
                int sy = crop.y() + y / zoom;
                int sx = crop.x() + x / zoom;
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    rgb = (rgb << 8) | ImageData.toUint8(img.get(c, sy, sx));
                }
                fig.setRGB(z.x + x, z.y + y, rgb);
            }
        }
    }
}
