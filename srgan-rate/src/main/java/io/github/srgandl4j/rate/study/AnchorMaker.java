package io.github.srgandl4j.rate.study;

import io.github.srgandl4j.core.image.ImageData;
import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import io.github.srgandl4j.data.io.PngWriter;
import io.github.srgandl4j.data.resize.Degradation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the two anchor versions of a folder of HR images: {@code HR/NAME.png}, the HR image
 * mod-cropped to a multiple of the scale (the size of 'srgan evaluate --save-sr' outputs), and
 * {@code NN/NAME.png}, the nearest-neighbour upscale of its LR image. LR images come from an LR
 * folder (paired as 'srgan evaluate --lr' pairs them) or, without one, are made by MATLAB bicubic
 * degradation as 'srgan degrade' makes them. The names are those 'srgan evaluate --save-sr' writes
 * (the HR file's name with extension .png), so the anchors line up with the method folders.
 */
public final class AnchorMaker {
    private final ImageLoader loader = new ImageLoader();
    private final int scale;

    /** An anchor maker for upscaling factor {@code scale}. */
    public AnchorMaker(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be >= 1, got " + scale);
        }
        this.scale = scale;
    }

    /**
     * Writes {@code outDir/HR} and {@code outDir/NN}; both must not exist or be empty.
     *
     * @param hrDir folder of HR images
     * @param lrDir folder of their LR images, or null to make them by bicubic degradation
     * @return the number of images written to each folder
     */
    public int write(Path hrDir, Path lrDir, Path outDir) throws IOException {
        Path hrOut = outDir.resolve(StudyFolder.HR);
        Path nnOut = outDir.resolve(StudyFolder.NN);
        requireEmpty(hrOut);
        requireEmpty(nnOut);
        List<ImageFiles.Pair> pairs = new ArrayList<>();
        if (lrDir != null) {
            pairs.addAll(ImageFiles.pair(hrDir, lrDir, scale));
        } else {
            for (Path hr : ImageFiles.list(hrDir)) {
                pairs.add(new ImageFiles.Pair(hr, null));
            }
        }
        Files.createDirectories(outDir);
        Path tmp = Files.createTempDirectory(outDir, ".anchors-");
        boolean done = false;
        try {
            Files.createDirectories(tmp.resolve(StudyFolder.HR));
            Files.createDirectories(tmp.resolve(StudyFolder.NN));
            for (ImageFiles.Pair p : pairs) {
                writeOne(p, tmp.resolve(StudyFolder.HR), tmp.resolve(StudyFolder.NN));
            }
            Files.deleteIfExists(hrOut);
            Files.deleteIfExists(nnOut);
            Files.move(tmp.resolve(StudyFolder.HR), hrOut);
            Files.move(tmp.resolve(StudyFolder.NN), nnOut);
            done = true;
        } finally {
            deleteTree(tmp);
            if (!done && Files.exists(hrOut) && !Files.exists(nnOut)) {
                deleteTree(hrOut);
            }
        }
        return pairs.size();
    }

    private void writeOne(ImageFiles.Pair p, Path hrOut, Path nnOut) throws IOException {
        ImageData hr = Degradation.modCrop(loader.read(p.hr()).withoutAlpha(), scale);
        ImageData lr;
        if (p.lr() == null) {
            lr = Degradation.bicubic(hr, scale);
        } else {
            lr = loader.read(p.lr()).withoutAlpha();
            if ((long) lr.width() * scale != hr.width() || (long) lr.height() * scale != hr.height()) {
                throw new IOException(p.lr() + ": LR image is " + lr.width() + "x" + lr.height()
                        + ", which does not match HR " + p.hr().getFileName() + " (" + hr.width() + "x" + hr.height()
                        + " after cropping to a multiple of " + scale + ") at scale " + scale);
            }
        }
        String name = ImageFiles.pngName(p.hr());
        PngWriter.write(hr, hrOut.resolve(name), 8);
        PngWriter.write(NearestNeighbour.upscale(lr, scale), nnOut.resolve(name), 8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new IOException(dir + ": exists and is not a folder");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + ": folder exists and is not empty; remove it to make the anchors again");
                }
            }
        }
    }
}
