package io.github.srgandl4j.data.train;

import io.github.srgandl4j.core.image.ImageData;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A least-recently-used cache of decoded training pairs with a memory budget. Thread-safe; two
 * threads missing the same entry may both load it (harmless, the result is identical).
 */
final class ImageCache {
    /** A decoded training image: HR cropped to {@code LR size * scale}, both RGB. */
    record Pair(ImageData hr, ImageData lr) {
        long bytes() {
            return 4L * (hr.width() * hr.height() * hr.channels() + lr.width() * lr.height() * lr.channels());
        }
    }

    private final long budget;
    private final LinkedHashMap<Integer, Pair> map = new LinkedHashMap<>(16, 0.75f, true);
    private long used;

    ImageCache(long budget) {
        this.budget = budget;
    }

    synchronized Pair get(int key) {
        return map.get(key);
    }

    synchronized void put(int key, Pair value) {
        long b = value.bytes();
        if (b > budget || map.containsKey(key)) {
            return;
        }
        Iterator<Map.Entry<Integer, Pair>> it = map.entrySet().iterator();
        while (used + b > budget && it.hasNext()) {
            used -= it.next().getValue().bytes();
            it.remove();
        }
        map.put(key, value);
        used += b;
    }

    synchronized int size() {
        return map.size();
    }
}
