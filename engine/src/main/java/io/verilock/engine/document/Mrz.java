package io.verilock.engine.document;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed machine-readable zone.
 *
 * @param format      its ICAO 9303 layout
 * @param lines       the lines as read (after the corrections below), each of the format's length
 * @param fields      document_type, issuing_country, surname, given_names, document_number, nationality, birth_date,
 *                    sex, expiry_date, personal_number (dates {@code YYYY-MM-DD}; {@code null} where unreadable or
 *                    absent in the format); insertion-ordered
 * @param checkDigits document_number, birth_date, expiry_date, personal_number, composite: whether each check digit
 *                    is right, {@code null} where the format has no such digit
 * @param valid       every check digit the format has is right
 * @param corrections characters changed from what the OCR read, e.g. {@code "line 2 col 8: O->0 (digit field)"}
 */
public record Mrz(MrzFormat format, List<String> lines, Map<String, String> fields, Map<String, Boolean> checkDigits,
                  boolean valid, List<String> corrections) {
    public Mrz {
        lines = List.copyOf(lines);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        checkDigits = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checkDigits));
        corrections = List.copyOf(corrections);
    }
}
