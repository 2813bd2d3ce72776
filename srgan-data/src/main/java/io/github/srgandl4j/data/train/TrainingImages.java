package io.github.srgandl4j.data.train;

import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageHeader;
import io.github.srgandl4j.data.io.ImageLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usable images of the training folders, found by reading headers only: images whose
 * mod-cropped size is smaller than the HR crop are skipped and counted, with one warning.
 */
final class TrainingImages {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingImages.class);

    /** One usable image: its files and the LR grid size ({@code floor(hr / scale)}). */
    record Entry(Path hr, Path lr, int lrWidth, int lrHeight) {}

    final List<Entry> entries;
    final int skipped;

    private TrainingImages(List<Entry> entries, int skipped) {
        this.entries = List.copyOf(entries);
        this.skipped = skipped;
    }

    static TrainingImages scan(DatasetConfig cfg, ImageLoader loader) throws IOException {
        int scale = cfg.scale();
        int crop = cfg.hrCropSize();
        List<Entry> entries = new ArrayList<>();
        List<String> small = new ArrayList<>();
        for (FolderSpec f : cfg.folders()) {
            List<ImageFiles.Pair> pairs = new ArrayList<>();
            if (f.lrDir() != null) {
                pairs.addAll(ImageFiles.pair(f.hrDir(), f.lrDir(), scale));
            } else {
                for (Path p : ImageFiles.list(f.hrDir())) {
                    pairs.add(new ImageFiles.Pair(p, null));
                }
            }
            for (ImageFiles.Pair p : pairs) {
                ImageHeader hr = loader.probe(p.hr());
                int lw = hr.width() / scale;
                int lh = hr.height() / scale;
                if (p.lr() != null) {
                    ImageHeader lr = loader.probe(p.lr());
                    if (lr.width() != lw || lr.height() != lh) {
                        throw new IOException(p.lr() + ": LR image is " + lr.width() + "x" + lr.height() + " but HR "
                                + p.hr() + " is " + hr.width() + "x" + hr.height() + ", so " + lw + "x" + lh
                                + " was expected at scale " + scale);
                    }
                }
                if (lw * scale < crop || lh * scale < crop) {
                    small.add(p.hr().getFileName() + " (" + hr.width() + "x" + hr.height() + ")");
                    continue;
                }
                entries.add(new Entry(p.hr(), p.lr(), lw, lh));
            }
        }
        if (!small.isEmpty()) {
            LOG.warn("skipped {} image(s) smaller than the {}x{} HR crop: {}{}", small.size(), crop, crop,
                    String.join(", ", small.subList(0, Math.min(5, small.size()))), small.size() > 5 ? ", ..." : "");
        }
        if (entries.size() < cfg.batchSize()) {
            throw new IOException("only " + entries.size() + " usable training image(s) in " + cfg.folders()
                    + " (skipped " + small.size() + " smaller than the crop); a batch of " + cfg.batchSize()
                    + " needs that many different images");
        }
        return new TrainingImages(entries, small.size());
    }
}
