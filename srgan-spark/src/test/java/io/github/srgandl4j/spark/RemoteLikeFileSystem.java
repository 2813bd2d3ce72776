package io.github.srgandl4j.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under the scheme {@code testfs:}: a file system that is not {@code file:}, so
 * the jobs take their remote route (local copies, upload under a temporary name and rename), in
 * tests without a cluster. Registered with {@code fs.testfs.impl}.
 */
public final class RemoteLikeFileSystem extends RawLocalFileSystem {
    public static final String SCHEME = "testfs";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
