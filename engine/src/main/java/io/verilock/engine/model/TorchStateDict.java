package io.verilock.engine.model;

import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a PyTorch {@code torch.save} state dict of float32 tensors, in either of its two formats: the zip archive
 * (PyTorch 1.6 and later: {@code <name>/data.pkl} plus one raw storage per file under {@code <name>/data/}) or the
 * legacy stream (a magic number, protocol and system-info pickles, the state-dict pickle, the list of storage keys,
 * then each storage as an int64 element count and its raw little-endian bytes). The MiniFASNet files are of the
 * legacy kind. The pickles are read by razorvine's unpickler; tensors come back through persistent ids
 * ({@code ('storage', type, key, location, numel)}) and {@code torch._utils._rebuild_tensor_v2}.
 */
final class TorchStateDict {
    private static final java.math.BigInteger LEGACY_MAGIC = new java.math.BigInteger("1950a86a20f9469cfc6c", 16);
    /** Bounds the work a bad file can cause: the MiniFASNet files are under 2 MB. */
    static final long MAX_BYTES = 64L << 20;

    /** A tensor as the pickle describes it: its storage, element offset, shape and strides. */
    record TensorRef(String storageKey, String storageType, long offset, long[] shape, long[] stride) { }

    /** A storage class global such as {@code torch.FloatStorage}; it is only named, never called. */
    private record StorageType(String name) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + name + " called");
        }
    }

    /** What a persistent id resolves to before the storage bytes are read. */
    record StorageRef(String key, String type, long numel) { }

    static {
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new StateMap());
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchStateDict::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor", TorchStateDict::rebuildTensor);
        for (String type : List.of("FloatStorage", "DoubleStorage", "HalfStorage", "BFloat16Storage", "LongStorage",
                "IntStorage", "ShortStorage", "CharStorage", "ByteStorage", "BoolStorage")) {
            Unpickler.registerConstructor("torch", type, new StorageType(type));
        }
    }

    private TorchStateDict() { }

    /** An OrderedDict; PyTorch sets a {@code _metadata} attribute on it, which is dropped. */
    public static final class StateMap extends LinkedHashMap<Object, Object> {
        public void __setstate__(HashMap<?, ?> state) { /* the per-module version metadata is not needed */ }
    }

    /**
     * Every tensor of the state dict by key, as float32 constants in PyTorch's shape (row-major, made contiguous).
     *
     * @throws IOException when the file is not a state dict this reader understands (with the reason)
     */
    static Map<String, ConstTensor> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) throw new IOException(file + ": " + size + " bytes, more than a model file can be (" + MAX_BYTES + ")");
        byte[] bytes = Files.readAllBytes(file);
        boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        try {
            return zip ? readZip(file) : readLegacy(bytes);
        } catch (PickleException | ClassCastException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException(file + " is not a PyTorch state dict of float tensors: " + e.getMessage(), e);
        }
    }

    private static Map<String, ConstTensor> readLegacy(byte[] bytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        Object magic = new Unpickler().load(in);
        if (!(magic instanceof java.math.BigInteger b) || !b.equals(LEGACY_MAGIC)) {
            throw new IOException("not a torch.save file (no zip header, legacy magic number " + magic + ")");
        }
        Object protocol = new Unpickler().load(in);
        if (!Integer.valueOf(1001).equals(protocol)) throw new IOException("unsupported torch.save protocol " + protocol);
        new Unpickler().load(in); // system info (endianness, type sizes)
        Map<String, StorageRef> storages = new HashMap<>();
        Map<?, ?> dict = stateDict(new StorageUnpickler(storages).load(in));
        @SuppressWarnings("unchecked")
        List<Object> keys = (List<Object>) new Unpickler().load(in);
        Map<String, float[]> data = new HashMap<>();
        DataInputStream din = new DataInputStream(in);
        for (Object k : keys) {
            StorageRef s = storages.get((String) k);
            if (s == null) throw new IOException("storage " + k + " is listed but not referenced");
            long numel = Long.reverseBytes(din.readLong());
            int width = elementBytes(s.type());
            if (numel != s.numel() || numel > in.available() / width) throw new IOException("storage " + k + ": bad size " + numel);
            byte[] raw = din.readNBytes(Math.toIntExact(numel * width));
            if (isFloat(s)) data.put(s.key(), floats(raw, s));
        }
        return tensors(dict, data);
    }

    private static Map<String, ConstTensor> readZip(Path file) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(file).get()) {
            String prefix = null;
            for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntries())) {
                if (e.getName().endsWith("/data.pkl")) prefix = e.getName().substring(0, e.getName().length() - "data.pkl".length());
            }
            if (prefix == null) throw new IOException("zip without data.pkl: not a torch.save archive");
            Map<String, StorageRef> storages = new HashMap<>();
            Map<?, ?> dict;
            try (InputStream in = zip.getInputStream(zip.getEntry(prefix + "data.pkl"))) {
                dict = stateDict(new StorageUnpickler(storages).load(in));
            }
            Map<String, float[]> data = new HashMap<>();
            for (StorageRef s : storages.values()) {
                if (!isFloat(s)) continue;
                ZipArchiveEntry e = zip.getEntry(prefix + "data/" + s.key());
                if (e == null || e.getSize() != 4 * s.numel()) throw new IOException("storage " + s.key() + " missing or of the wrong size");
                try (InputStream in = zip.getInputStream(e)) {
                    data.put(s.key(), floats(in.readAllBytes(), s));
                }
            }
            return tensors(dict, data);
        }
    }

    private static Map<?, ?> stateDict(Object o) throws IOException {
        if (!(o instanceof Map<?, ?> m)) throw new IOException("the pickle holds a " + (o == null ? "None" : o.getClass().getSimpleName()) + ", not a state dict");
        return m;
    }

    private static boolean isFloat(StorageRef s) {
        return "FloatStorage".equals(s.type());
    }

    private static int elementBytes(String type) {
        return switch (type) {
            case "DoubleStorage", "LongStorage" -> 8;
            case "FloatStorage", "IntStorage" -> 4;
            case "HalfStorage", "BFloat16Storage", "ShortStorage" -> 2;
            default -> 1;
        };
    }

    private static float[] floats(byte[] raw, StorageRef s) throws IOException {
        if (!"FloatStorage".equals(s.type())) throw new IOException("storage " + s.key() + " is " + s.type() + "; only float32 is supported");
        float[] out = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** Gathers each tensor's elements from its storage by offset and strides (a view may not be contiguous). */
    private static Map<String, ConstTensor> tensors(Map<?, ?> dict, Map<String, float[]> data) throws IOException {
        Map<String, ConstTensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            if (!(e.getValue() instanceof TensorRef t)) continue; // e.g. num_batches_tracked is a LongStorage tensor
            if (!"FloatStorage".equals(t.storageType())) continue;
            float[] src = data.get(t.storageKey());
            if (src == null) throw new IOException(e.getKey() + ": storage " + t.storageKey() + " not found");
            int n = 1;
            for (long d : t.shape()) n = Math.multiplyExact(n, Math.toIntExact(d));
            float[] v = new float[n];
            int[] idx = new int[t.shape().length];
            for (int i = 0; i < n; i++) {
                long at = t.offset();
                for (int a = 0; a < idx.length; a++) at += idx[a] * t.stride()[a];
                if (at < 0 || at >= src.length) throw new IOException(e.getKey() + ": view outside its storage");
                v[i] = src[(int) at];
                for (int a = idx.length - 1; a >= 0; a--) {
                    if (++idx[a] < t.shape()[a]) break;
                    idx[a] = 0;
                }
            }
            out.put((String) e.getKey(), ConstTensor.ofFloats(t.shape().clone(), v));
        }
        return out;
    }

    private static Object rebuildTensor(Object[] args) {
        StorageRef s = (StorageRef) args[0];
        long offset = ((Number) args[1]).longValue();
        return new TensorRef(s.key(), s.type(), offset, longs(args[2]), longs(args[3]));
    }

    private static long[] longs(Object tuple) {
        Object[] t = (Object[]) tuple;
        return Arrays.stream(t).mapToLong(x -> ((Number) x).longValue()).toArray();
    }

    /** Resolves PyTorch's persistent ids to storage references, remembering each storage's type and size. */
    private static final class StorageUnpickler extends Unpickler {
        private final Map<String, StorageRef> storages;

        StorageUnpickler(Map<String, StorageRef> storages) {
            this.storages = storages;
        }

        @Override
        protected Object persistentLoad(Object pid) {
            Object[] t = (Object[]) pid;
            if (t.length < 5 || !"storage".equals(t[0])) throw new PickleException("unexpected persistent id " + Arrays.toString(t));
            if (!(t[1] instanceof StorageType type)) throw new PickleException("unknown storage type " + t[1]);
            String key = String.valueOf(t[2]);
            StorageRef ref = new StorageRef(key, type.name(), ((Number) t[4]).longValue());
            storages.putIfAbsent(key, ref);
            return ref;
        }

    }
}
