package io.verilock.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one ObjectMapper: snake_case names, ISO-8601 instants. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // "{...} trailing" is not one JSON document; without this the trailing text would be silently ignored.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {}

    /** Parses a request body; anything that is not JSON is the client's 400, never a 500. */
    public static JsonNode parseBody(String body) {
        if (body == null || body.isBlank()) throw ApiError.badRequest("malformed_json", "Request body must be a JSON object", null);
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // Where, not Jackson's own wording (it names parser internals and echoes the input back).
            var at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw ApiError.badRequest("malformed_json", "Request body is not valid JSON" + where, null);
        }
    }

    public static ObjectNode object(JsonNode body) {
        if (body instanceof ObjectNode o) return o;
        throw ApiError.badRequest("invalid_type", "Request body must be a JSON object", null);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads a stored JSON column; null stays null. */
    public static JsonNode read(String stored) {
        if (stored == null) return null;
        try {
            return MAPPER.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt", e);
        }
    }

    public static <T> T read(String stored, Class<T> type) {
        if (stored == null) return null;
        try {
            return MAPPER.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is corrupt", e);
        }
    }
}
