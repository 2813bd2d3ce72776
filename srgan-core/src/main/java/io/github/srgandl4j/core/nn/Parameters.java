package io.github.srgandl4j.core.nn;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The named tensors of one network, in a stable order: trainable parameters (weights, biases,
 * PReLU slopes, BN scale and shift) and state (BN running mean and variance).
 *
 * <p>Graphs are built from a {@code Parameters} object (see {@link GraphContext}); trainers
 * copy updated values back into it. Tensors are float32 (double is accepted for gradient checks,
 * see {@link #castTo}). Not thread-safe.
 */
public final class Parameters {
    /** What a tensor is for. */
    public enum Role {
        /** Updated by the optimiser. */
        TRAINABLE,
        /** Updated by running averages (BN statistics), never by gradients. */
        STATE
    }

    private final Map<String, INDArray> tensors = new LinkedHashMap<>();
    private final Map<String, Role> roles = new LinkedHashMap<>();

    /** Adds a tensor; fails if the name exists already or the array is not float32. */
    public void add(String name, Role role, INDArray value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(value, "value");
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("duplicate tensor name: " + name);
        }
        if (value.dataType() != DataType.FLOAT && value.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("tensor " + name + " must be FLOAT (or DOUBLE for gradient checks), is "
                    + value.dataType());
        }
        tensors.put(name, value);
        roles.put(name, role);
    }

    /** The tensor of that name; fails with the known names if absent. */
    public INDArray get(String name) {
        INDArray a = tensors.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "' (have " + tensors.size() + " tensors, e.g. "
                    + tensors.keySet().stream().limit(5).collect(Collectors.joining(", ")) + ")");
        }
        return a;
    }

    /** Replaces the values of an existing tensor in place (shapes must match). */
    public void assign(String name, INDArray value) {
        INDArray a = get(name);
        if (!Arrays.equals(a.shape(), value.shape())) {
            throw new IllegalArgumentException("shape mismatch for " + name + ": have " + Arrays.toString(a.shape())
                    + ", got " + Arrays.toString(value.shape()));
        }
        a.assign(value);
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public Role role(String name) {
        get(name);
        return roles.get(name);
    }

    /** All names in insertion order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    /** Names with the given role, in insertion order. */
    public Set<String> names(Role role) {
        return roles.entrySet().stream()
                .filter(e -> e.getValue() == role)
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /** Number of scalar values in the tensors of the given role. */
    public long count(Role role) {
        return names(role).stream().mapToLong(n -> tensors.get(n).length()).sum();
    }

    /** A deep copy (new arrays). */
    public Parameters copy() {
        Parameters p = new Parameters();
        tensors.forEach((n, a) -> p.add(n, roles.get(n), a.dup()));
        return p;
    }

    /** A deep copy with every tensor cast to {@code type} (DOUBLE for finite-difference gradient checks). */
    public Parameters castTo(DataType type) {
        Parameters p = new Parameters();
        tensors.forEach((n, a) -> p.add(n, roles.get(n), a.castTo(type).dup()));
        return p;
    }

    public int size() {
        return tensors.size();
    }
}
