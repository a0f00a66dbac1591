package org.citebot.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** Lists of strings stored as JSON arrays in a text column, the same on SQLite and PostgreSQL. */
final class StoredJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private StoredJson() {}

    static String of(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    /** @param what names the value in the message when it is not readable */
    static List<String> strings(String json, String what) {
        try {
            return JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new StateStoreException(what + " is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
