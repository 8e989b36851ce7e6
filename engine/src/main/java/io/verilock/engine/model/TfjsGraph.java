package io.verilock.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A TF.js graph model ({@code model.json} plus its weight shards), read into nodes and decoded constants. */
final class TfjsGraph {

    /** One graph node; inputs are node names with any {@code :0} suffix and control inputs removed. */
    record Node(String name, String op, List<String> inputs, JsonNode attr) {

        String string(String key, String dflt) {
            JsonNode v = attr.path(key).path("s");
            return v.isMissingNode() ? dflt : new String(Base64.getDecoder().decode(v.asText()), StandardCharsets.UTF_8);
        }

        List<String> strings(String key) {
            List<String> out = new ArrayList<>();
            for (JsonNode s : attr.path(key).path("list").path("s")) {
                out.add(new String(Base64.getDecoder().decode(s.asText()), StandardCharsets.UTF_8));
            }
            return out;
        }

        long[] ints(String key) {
            JsonNode list = attr.path(key).path("list").path("i");
            long[] out = new long[list.size()];
            for (int k = 0; k < out.length; k++) out[k] = list.get(k).asLong();
            return out;
        }

        long integer(String key, long dflt) {
            JsonNode v = attr.path(key).path("i");
            return v.isMissingNode() ? dflt : v.asLong();
        }

        boolean bool(String key) {
            return attr.path(key).path("b").asBoolean(false);
        }
    }

    final List<Node> nodes;
    final Map<String, ConstTensor> weights;

    private TfjsGraph(List<Node> nodes, Map<String, ConstTensor> weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /** Reads {@code dir/name.json} and the shards its manifest names (resolved in the same folder). */
    static TfjsGraph read(Path modelJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(modelJson.toFile());
        if (!"graph-model".equals(root.path("format").asText())) {
            throw new IOException(modelJson + ": not a TF.js graph model (format " + root.path("format") + ")");
        }
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : root.path("modelTopology").path("node")) {
            List<String> inputs = new ArrayList<>();
            for (JsonNode in : n.path("input")) {
                String s = in.asText();
                if (s.startsWith("^")) continue; // control dependency: no data flows
                int colon = s.indexOf(':');
                inputs.add(colon >= 0 ? s.substring(0, colon) : s);
            }
            nodes.add(new Node(n.path("name").asText(), n.path("op").asText(), inputs, n.path("attr")));
        }
        Map<String, ConstTensor> weights = new LinkedHashMap<>();
        for (JsonNode group : root.path("weightsManifest")) {
            // A group's shards are one byte stream cut into files; its weights follow each other in manifest order.
            List<Path> shards = new ArrayList<>();
            for (JsonNode p : group.path("paths")) shards.add(modelJson.resolveSibling(p.asText()));
            weights.putAll(WeightDecoder.decode(group.path("weights"), concat(shards)));
        }
        return new TfjsGraph(nodes, weights);
    }

    private static byte[] concat(List<Path> shards) throws IOException {
        long total = 0;
        for (Path p : shards) total += Files.size(p);
        byte[] all = new byte[Math.toIntExact(total)];
        int at = 0;
        for (Path p : shards) {
            byte[] b = Files.readAllBytes(p);
            System.arraycopy(b, 0, all, at, b.length);
            at += b.length;
        }
        return all;
    }
}
