package io.verilock.engine.face;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** The JSON shape of a frame analysis (README, "analyze output"): snake_case, rounded for reading. */
public final class ObservationJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ObservationJson() {}

    public static ObjectNode frame(FrameAnalysis a, boolean withLandmarks) {
        ObjectNode n = F.objectNode();
        n.put("width", a.width());
        n.put("height", a.height());
        ArrayNode faces = n.putArray("faces");
        for (FaceObservation f : a.faces()) faces.add(face(f, withLandmarks));
        return n;
    }

    public static ObjectNode face(FaceObservation f, boolean withLandmarks) {
        ObjectNode n = F.objectNode();
        ArrayNode box = n.putArray("box");
        box.add(round(f.box().x(), 1)).add(round(f.box().y(), 1)).add(round(f.box().width(), 1)).add(round(f.box().height(), 1));
        n.put("confidence", round(f.confidence(), 4));
        if (withLandmarks) {
            ArrayNode lm = n.putArray("landmarks");
            Landmarks m = f.landmarks();
            for (int i = 0; i < m.size(); i++) lm.addArray().add(round(m.x(i), 1)).add(round(m.y(i), 1)).add(round(m.z(i), 1));
        }
        n.set("pose", pose(f.pose()));
        ObjectNode eyes = n.putObject("eyes");
        eyes.put("left_open", round(f.eyes().leftOpen(), 3));
        eyes.put("right_open", round(f.eyes().rightOpen(), 3));
        n.put("smile", round(f.smile(), 3));
        n.set("expression", numbers(f.expression()));
        ObjectNode texture = n.putObject("texture");
        texture.put("live", round(f.texture().live(), 4));
        texture.setAll(numbers(f.texture().cues()));
        ObjectNode quality = n.putObject("quality");
        ArrayNode flags = quality.putArray("flags");
        f.quality().flags().forEach(q -> flags.add(q.code()));
        quality.put("brightness", round(f.quality().brightness(), 1));
        quality.put("sharpness", round(f.quality().sharpness(), 1));
        quality.put("face_width_ratio", round(f.quality().faceWidthRatio(), 3));
        return n;
    }

    public static ObjectNode pose(HeadPose p) {
        ObjectNode n = F.objectNode();
        n.put("yaw", round(p.yaw(), 1));
        n.put("pitch", round(p.pitch(), 1));
        n.put("roll", round(p.roll(), 1));
        return n;
    }

    private static ObjectNode numbers(Map<String, Double> values) {
        ObjectNode n = F.objectNode();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> n.put(e.getKey(), round(e.getValue(), 4)));
        return n;
    }

    public static double round(double v, int decimals) {
        double s = Math.pow(10, decimals);
        return Math.round(v * s) / s;
    }

    public static JsonNode error(String code, String message) {
        ObjectNode e = F.objectNode();
        e.put("code", code);
        e.put("message", message);
        return e;
    }
}
