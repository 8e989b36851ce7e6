package io.verilock.engine.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes a TF.js weights-manifest group. Weights lie back to back in manifest order; each takes
 * product(shape) elements of its stored type: float32/int32 as 4 little-endian bytes, {@code quantization.dtype
 * float16} as raw IEEE half floats (not scale/min quantised), uint8/uint16 quantisation as {@code q * scale + min}.
 */
final class WeightDecoder {

    private WeightDecoder() { }

    static Map<String, ConstTensor> decode(JsonNode specs, byte[] data) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, ConstTensor> out = new LinkedHashMap<>();
        for (JsonNode w : specs) {
            String name = w.path("name").asText();
            long[] shape = new long[w.path("shape").size()];
            int n = 1;
            for (int k = 0; k < shape.length; k++) {
                shape[k] = w.path("shape").get(k).asLong();
                n = Math.multiplyExact(n, Math.toIntExact(shape[k]));
            }
            String dtype = w.path("dtype").asText();
            JsonNode q = w.path("quantization");
            String stored = q.isMissingNode() ? dtype : q.path("dtype").asText();
            int bytes = switch (stored) {
                case "float32", "int32" -> 4;
                case "float16", "uint16" -> 2;
                case "uint8" -> 1;
                default -> throw new IOException("weight " + name + ": unsupported stored dtype " + stored);
            };
            if (buf.remaining() < (long) n * bytes) {
                throw new IOException("weight " + name + ": shards end early (" + buf.remaining() + " bytes left)");
            }
            if ("int32".equals(dtype)) {
                if (!"int32".equals(stored)) throw new IOException("weight " + name + ": quantised int32 unsupported");
                int[] v = new int[n];
                for (int k = 0; k < n; k++) v[k] = buf.getInt();
                out.put(name, ConstTensor.ofInts(shape, v));
            } else if ("float32".equals(dtype)) {
                float[] v = new float[n];
                double scale = q.path("scale").asDouble(1), min = q.path("min").asDouble(0);
                for (int k = 0; k < n; k++) {
                    v[k] = switch (stored) {
                        case "float32" -> buf.getFloat();
                        case "float16" -> Float.intBitsToFloat(halfToFloatBits(buf.getShort()));
                        case "uint16" -> (float) ((buf.getShort() & 0xffff) * scale + min);
                        default -> (float) ((buf.get() & 0xff) * scale + min);
                    };
                }
                out.put(name, ConstTensor.ofFloats(shape, v));
            } else {
                throw new IOException("weight " + name + ": unsupported dtype " + dtype);
            }
        }
        if (buf.hasRemaining()) throw new IOException(buf.remaining() + " bytes left after the last weight");
        return out;
    }

    /** IEEE 754 binary16 to binary32 bits, subnormals and inf/NaN included. */
    static int halfToFloatBits(short h) {
        int sign = (h & 0x8000) << 16;
        int exp = (h >>> 10) & 0x1f;
        int mant = h & 0x3ff;
        if (exp == 0x1f) return sign | 0x7f800000 | (mant << 13);
        if (exp == 0) {
            if (mant == 0) return sign;
            int e = -1; // normalise the subnormal
            do { mant <<= 1; e++; } while ((mant & 0x400) == 0);
            return sign | ((127 - 15 - e) << 23) | ((mant & 0x3ff) << 13);
        }
        return sign | ((exp - 15 + 127) << 23) | (mant << 13);
    }
}
