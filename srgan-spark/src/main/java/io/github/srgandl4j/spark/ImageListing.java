package io.github.srgandl4j.spark;

import io.github.srgandl4j.data.io.ImageFiles;
import io.github.srgandl4j.data.io.ImageLoader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * {@link ImageFiles#list} for any Hadoop file system: the image files (png, jpg, jpeg, bmp, tif,
 * tiff; any case) directly inside a folder, hidden files left out, sorted by name, and the same
 * refusals (missing folder, not a folder, no image files).
 */
public final class ImageListing {
    private ImageListing() {}

    /** The image files of {@code dir}, sorted by name. */
    public static List<Path> list(FileSystem fs, Path dir) throws IOException {
        FileStatus st;
        try {
            st = fs.getFileStatus(dir);
        } catch (FileNotFoundException e) {
            throw new IOException(dir + ": image folder not found", e);
        }
        if (!st.isDirectory()) {
            throw new IOException(dir + ": not a folder");
        }
        List<Path> files = Arrays.stream(fs.listStatus(dir))
                .filter(FileStatus::isFile)
                .map(FileStatus::getPath)
                .filter(p -> !p.getName().startsWith("."))
                .filter(p -> ImageLoader.hasImageExtension(java.nio.file.Path.of(p.getName())))
                .sorted(Comparator.comparing(Path::getName))
                .toList();
        if (files.isEmpty()) {
            throw new IOException(dir + ": no image files (png, jpg, jpeg, bmp, tif, tiff) in this folder");
        }
        return files;
    }

    /** The output name of an input: its name with the extension replaced by {@code .png}. */
    public static String pngName(Path input) {
        return ImageFiles.pngName(java.nio.file.Path.of(input.getName()));
    }
}
