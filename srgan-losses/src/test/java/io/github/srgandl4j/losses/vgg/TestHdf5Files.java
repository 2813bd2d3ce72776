package io.github.srgandl4j.losses.vgg;

import static org.bytedeco.hdf5.global.hdf5.H5F_ACC_TRUNC;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Writes small HDF5 files with given float32 datasets, to test the loader's layouts and errors. */
public final class TestHdf5Files {
    private TestHdf5Files() {}

    /** Writes {@code datasets} (path like {@code "block1_conv1/block1_conv1/kernel:0"} -> array) to {@code file}. */
    public static void write(Path file, Map<String, INDArray> datasets) {
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            // loading the archive class loads the HDF5 natives
            H5File f = new H5File(file.toString(), H5F_ACC_TRUNC);
            try {
                Set<String> groups = new HashSet<>();
                for (Map.Entry<String, INDArray> e : datasets.entrySet()) {
                    String[] parts = e.getKey().split("/");
                    StringBuilder g = new StringBuilder();
                    for (int i = 0; i < parts.length - 1; i++) {
                        g.append(i == 0 ? "" : "/").append(parts[i]);
                        if (groups.add(g.toString())) {
                            Group created = f.createGroup(g.toString());
                            created.deallocate();
                        }
                    }
                    INDArray a = e.getValue().castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).dup('c');
                    long[] shape = a.shape();
                    DataSpace space = new DataSpace(shape.length, shape);
                    DataSet ds = f.createDataSet(e.getKey(), PredType.NATIVE_FLOAT(), space);
                    FloatPointer fp = new FloatPointer(a.data().asFloat());
                    ds.write(fp, PredType.NATIVE_FLOAT());
                    fp.deallocate();
                    ds.deallocate();
                    space.deallocate();
                }
            } finally {
                f._close();
                f.deallocate();
            }
        }
    }

    /** A float32 array of the given shape with values 0, 0.001, 0.002, ... (distinct, so mix-ups show). */
    public static INDArray ramp(long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        return Nd4j.linspace(0, (n - 1) * 0.001, n, org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(shape);
    }

    /** Keras 2 dataset paths for a layer: {@code name/name/kernel:0} and {@code name/name/bias:0}, under {@code root}. */
    public static void putKeras2Layer(Map<String, INDArray> out, String root, String name, INDArray kernel, INDArray bias) {
        String base = (root.isEmpty() ? "" : root + "/") + name + "/" + name + "/";
        out.put(base + "kernel:0", kernel);
        out.put(base + "bias:0", bias);
    }
}
