package org.nnj.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnj.api.ConfigException;
import org.nnj.api.DataFormatException;
import org.nnj.api.config.Config;

/**
 * The JSON of model files: one strict mapper (duplicate keys and trailing tokens are errors), and the
 * conversions between {@link Config}s and JSON objects, with errors that say where.
 */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Compact JSON text of {@code node}. */
    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; this would be a bug here.
            throw new IllegalStateException("cannot serialise " + node.getNodeType() + ": " + e, e);
        }
    }

    /**
     * Parses {@code text}, which {@code where} names in messages ({@code "file.safetensors, __metadata__
     * 'nnj.architecture'"}); a syntax error says at which character.
     */
    static JsonNode parse(String text, String where) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new DataFormatException(where + ": not valid JSON at character " + charOffset(e.getLocation())
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    static long charOffset(JsonLocation location) {
        return location == null ? -1 : location.getCharOffset();
    }

    /**
     * A config as a JSON object: integers stay integers, floats are written as the double they widen to
     * (so {@code getDouble} reads back exactly what it read before), lists become arrays.
     *
     * @param owner names the config in messages, for example {@code "layer 2 (dense)"}
     * @throws ConfigException for a value JSON cannot hold (NaN, infinity)
     */
    static ObjectNode fromConfig(Config config, String owner) {
        ObjectNode node = object();
        for (Map.Entry<String, Object> e : config.asMap().entrySet()) {
            node.set(e.getKey(), value(e.getValue(), owner, e.getKey()));
        }
        return node;
    }

    private static JsonNode value(Object v, String owner, String key) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (v instanceof String) {
            return f.textNode((String) v);
        }
        if (v instanceof Boolean) {
            return f.booleanNode((Boolean) v);
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return f.numberNode(((Number) v).intValue());
        }
        if (v instanceof Long) {
            return f.numberNode((Long) v);
        }
        if (v instanceof BigInteger) {
            return f.numberNode((BigInteger) v);
        }
        if (v instanceof BigDecimal) {
            return f.numberNode((BigDecimal) v);
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new ConfigException(owner + ": config key '" + key + "' is " + d
                        + ", which a model file (JSON) cannot hold");
            }
            return f.numberNode(d);
        }
        if (v instanceof List) {
            ArrayNode a = array();
            List<?> list = (List<?>) v;
            for (int i = 0; i < list.size(); i++) {
                a.add(value(list.get(i), owner, key + "[" + i + "]"));
            }
            return a;
        }
        throw new ConfigException(owner + ": config key '" + key + "' holds a "
                + (v == null ? "null" : v.getClass().getName()) + ", which a model file cannot hold");
    }

    /**
     * The config a JSON object holds: whole numbers become {@code Integer} (or {@code Long} when too big),
     * other numbers {@code Double}.
     *
     * @param where names the object in messages
     * @throws DataFormatException when {@code node} is not an object of numbers, strings, booleans and
     *                             lists of those
     */
    static Config toConfig(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new DataFormatException(where + ": expected a JSON object of settings, got "
                    + describe(node));
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            map.put(e.getKey(), toValue(e.getValue(), where + ", key '" + e.getKey() + "'"));
        }
        return Config.fromMap(map);
    }

    private static Object toValue(JsonNode v, String where) {
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            if (v.canConvertToInt()) {
                return v.intValue();
            }
            if (v.canConvertToLong()) {
                return v.longValue();
            }
            throw new DataFormatException(where + ": integer " + v + " is out of range");
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                list.add(toValue(v.get(i), where + "[" + i + "]"));
            }
            return list;
        }
        throw new DataFormatException(where + ": a config value must be a number, string, boolean or list,"
                + " got " + describe(v));
    }

    /** For messages: {@code "a string \"abc\""}, {@code "nothing"}. */
    static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        String text = node.toString();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "an object " + text;
            case ARRAY -> "an array " + text;
            case STRING -> "a string " + text;
            case NUMBER -> "the number " + text;
            case BOOLEAN -> "the boolean " + text;
            case NULL -> "null";
            default -> text;
        };
    }

    /** The required field {@code name} of {@code object}; its absence is an error naming {@code where}. */
    static JsonNode field(JsonNode object, String name, String where) {
        JsonNode v = object == null ? null : object.get(name);
        if (v == null || v.isNull()) {
            throw new DataFormatException(where + ": missing '" + name + "'"
                    + (object != null && object.isObject() ? "; it has " + fieldNames(object) : ""));
        }
        return v;
    }

    static String text(JsonNode object, String name, String where) {
        JsonNode v = field(object, name, where);
        if (!v.isTextual()) {
            throw new DataFormatException(where + ": '" + name + "' must be a string, got " + describe(v));
        }
        return v.textValue();
    }

    static int integer(JsonNode object, String name, String where) {
        JsonNode v = field(object, name, where);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new DataFormatException(where + ": '" + name + "' must be an integer, got " + describe(v));
        }
        return v.intValue();
    }

    /**
     * A provider's config version: the integer {@code "version"} of {@code object}, or 1 when the field is
     * absent (files written before versions were recorded); a version below 1 is an error.
     */
    static int version(JsonNode object, String where) {
        if (object.get("version") == null || object.get("version").isNull()) {
            return 1;
        }
        int version = integer(object, "version", where);
        if (version < 1) {
            throw new DataFormatException(where + ": 'version' " + version + " does not exist; versions start at 1");
        }
        return version;
    }

    static long longInteger(JsonNode object, String name, String where) {
        JsonNode v = field(object, name, where);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new DataFormatException(where + ": '" + name + "' must be an integer, got " + describe(v));
        }
        return v.longValue();
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
