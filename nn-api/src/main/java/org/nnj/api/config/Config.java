package org.nnj.api.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.nnj.api.ConfigException;

/**
 * A plain, immutable configuration: string keys mapped to numbers, strings, booleans or lists of
 * integers. Every provider builds its plugin from one, and a model file stores one per layer, so a
 * config must hold everything needed to rebuild the plugin.
 *
 * <p>Getters convert between numeric types and fail with a {@link ConfigException} that names the key,
 * the owner (see {@link #describedAs}) and what was expected. {@link #requireOnly} rejects keys the owner
 * does not know, so a typo such as {@code "lerning_rate"} is an error instead of a silent default.
 *
 * <pre>{@code
 * Config c = Config.of("units", 128, "activation", "relu");
 * int units = c.getInt("units");
 * double lr = c.getDouble("lr", 1e-3);
 * }</pre>
 */
public final class Config {
    private static final Config EMPTY = new Config(Map.of(), "config");

    private final Map<String, Object> values;
    private final String owner;

    private Config(Map<String, Object> values, String owner) {
        this.values = values;
        this.owner = owner;
    }

    public static Config empty() {
        return EMPTY;
    }

    /** A config from alternating keys and values: {@code Config.of("units", 128, "bias", true)}. */
    public static Config of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new ConfigException("Config.of needs key/value pairs, got an odd number of arguments ("
                    + keysAndValues.length + ")");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new ConfigException("config key at position " + i + " is not a string: " + keysAndValues[i]);
            }
            map.put((String) keysAndValues[i], checkValue((String) keysAndValues[i], keysAndValues[i + 1]));
        }
        return new Config(Collections.unmodifiableMap(map), "config");
    }

    /** A config holding a copy of {@code map}. */
    public static Config fromMap(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, checkValue(k, v)));
        return new Config(Collections.unmodifiableMap(copy), "config");
    }

    /**
     * Parses {@code "units=128,activation=relu,alpha=0.1"}: integers, decimals, {@code true}/{@code false}
     * and {@code 1x2x3} integer lists are recognised, anything else stays a string. Meant for command
     * lines; an empty string gives an empty config.
     */
    public static Config parse(String text) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("'" + part.trim() + "' in \"" + text + "\" is not of the form key=value");
            }
            map.put(part.substring(0, eq).trim(), parseValue(part.substring(eq + 1).trim()));
        }
        return new Config(Collections.unmodifiableMap(map), "config");
    }

    /** The same values, named {@code owner} in error messages (for example {@code "layer 2 (dense)"}). */
    public Config describedAs(String owner) {
        return new Config(values, Objects.requireNonNull(owner, "owner"));
    }

    /** A new config with {@code key} set to {@code value}. */
    public Config with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, checkValue(key, value));
        return new Config(Collections.unmodifiableMap(copy), owner);
    }

    /** A new config with every entry of {@code other} laid over this one's. */
    public Config withAll(Config other) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(other.values);
        return new Config(Collections.unmodifiableMap(copy), owner);
    }

    /**
     * A new config with the value of {@code oldKey} under {@code newKey} instead (replacing any value of
     * {@code newKey}), or this config when it has no {@code oldKey}: the usual step of a
     * {@link org.nnj.api.spi.Provider#upgrade}.
     */
    public Config renamed(String oldKey, String newKey) {
        Objects.requireNonNull(newKey, "newKey");
        if (!values.containsKey(oldKey)) {
            return this;
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(newKey, copy.remove(oldKey));
        return new Config(Collections.unmodifiableMap(copy), owner);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Set<String> keys() {
        return values.keySet();
    }

    /**
     * The entries as {@code key=value} in insertion order, joined by {@code ", "}, integer lists as
     * {@code 5x5}: the form {@link #parse} reads (strings holding a comma aside), short enough for a
     * one-line description such as {@link org.nnj.api.layer.Layer#describe()}; empty for an empty config.
     */
    public String toText() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(e.getKey()).append('=');
            if (e.getValue() instanceof List) {
                List<?> list = (List<?>) e.getValue();
                for (int i = 0; i < list.size(); i++) {
                    out.append(i == 0 ? "" : "x").append(list.get(i));
                }
            } else {
                out.append(e.getValue());
            }
        }
        return out.toString();
    }

    /** The values, read-only, in insertion order. */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * Fails if this config holds a key outside {@code known}: the message lists the unknown and the
     * known keys. Providers call it first, so a misspelt key never falls back to a default silently.
     */
    public Config requireOnly(String... known) {
        Set<String> allowed = Set.of(known);
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(allowed);
        if (!unknown.isEmpty()) {
            throw new ConfigException(owner + ": unknown key" + (unknown.size() > 1 ? "s " : " ") + unknown
                    + "; known keys are " + new TreeSet<>(allowed));
        }
        return this;
    }

    public int getInt(String key) {
        return toInt(key, require(key));
    }

    public int getInt(String key, int defaultValue) {
        return has(key) ? getInt(key) : defaultValue;
    }

    public long getLong(String key) {
        Object v = require(key);
        if (v instanceof Number && isIntegral((Number) v)) {
            return ((Number) v).longValue();
        }
        throw typeError(key, v, "an integer");
    }

    public long getLong(String key, long defaultValue) {
        return has(key) ? getLong(key) : defaultValue;
    }

    public double getDouble(String key) {
        Object v = require(key);
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw typeError(key, v, "a number");
    }

    public double getDouble(String key, double defaultValue) {
        return has(key) ? getDouble(key) : defaultValue;
    }

    public boolean getBoolean(String key) {
        Object v = require(key);
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw typeError(key, v, "true or false");
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return has(key) ? getBoolean(key) : defaultValue;
    }

    public String getString(String key) {
        Object v = require(key);
        if (v instanceof String) {
            return (String) v;
        }
        throw typeError(key, v, "a string");
    }

    public String getString(String key, String defaultValue) {
        return has(key) ? getString(key) : defaultValue;
    }

    /** An integer list, given as a {@code List<Number>}, an {@code int[]} or a single integer. */
    public int[] getIntArray(String key) {
        Object v = require(key);
        if (v instanceof Number) {
            return new int[] {toInt(key, v)};
        }
        if (v instanceof List) {
            List<?> list = (List<?>) v;
            int[] out = new int[list.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = toInt(key + "[" + i + "]", list.get(i));
            }
            return out;
        }
        throw typeError(key, v, "a list of integers");
    }

    public int[] getIntArray(String key, int... defaultValue) {
        return has(key) ? getIntArray(key) : defaultValue.clone();
    }

    /** A double checked to lie in {@code [min, max]}; the message names the key and the range. */
    public double getDoubleInRange(String key, double defaultValue, double min, double max) {
        double v = getDouble(key, defaultValue);
        if (!(v >= min && v <= max)) {
            throw new ConfigException(owner + ": '" + key + "' must be in [" + min + ", " + max + "], got " + v);
        }
        return v;
    }

    /** An integer checked to be at least {@code min}. */
    public int getIntAtLeast(String key, int min) {
        int v = getInt(key);
        if (v < min) {
            throw new ConfigException(owner + ": '" + key + "' must be at least " + min + ", got " + v);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config && values.equals(((Config) o).values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** For example {@code {units=128, activation=relu}}. */
    @Override
    public String toString() {
        return values.toString();
    }

    private Object require(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new ConfigException(owner + ": missing required key '" + key + "'"
                    + (values.isEmpty() ? "" : "; present keys are " + new TreeSet<>(values.keySet())));
        }
        return v;
    }

    private int toInt(String key, Object v) {
        if (v instanceof Number && isIntegral((Number) v)) {
            long l = ((Number) v).longValue();
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                return (int) l;
            }
        }
        throw typeError(key, v, "an integer");
    }

    private static boolean isIntegral(Number n) {
        double d = n.doubleValue();
        return d == Math.rint(d) && !Double.isInfinite(d);
    }

    private ConfigException typeError(String key, Object v, String expected) {
        return new ConfigException(owner + ": '" + key + "' must be " + expected + ", got "
                + (v instanceof String ? "\"" + v + "\"" : v));
    }

    private static Object checkValue(String key, Object v) {
        if (v instanceof int[]) {
            int[] a = (int[]) v;
            Integer[] boxed = new Integer[a.length];
            for (int i = 0; i < a.length; i++) {
                boxed[i] = a[i];
            }
            return List.of(boxed);
        }
        if (v instanceof List) {
            return List.copyOf((List<?>) v);
        }
        if (v instanceof Number || v instanceof String || v instanceof Boolean) {
            return v;
        }
        throw new ConfigException("config key '" + key + "': values must be numbers, strings, booleans or"
                + " integer lists, got " + (v == null ? "null" : v.getClass().getName()));
    }

    private static Object parseValue(String s) {
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        if (s.matches("-?\\d+(x\\d+)+")) {
            String[] parts = s.split("x");
            Integer[] list = new Integer[parts.length];
            for (int i = 0; i < parts.length; i++) {
                list[i] = Integer.parseInt(parts[i]);
            }
            return List.of(list);
        }
        try {
            return s.matches("-?\\d+") ? (Object) Long.parseLong(s) : (Object) Double.parseDouble(s);
        } catch (NumberFormatException notANumber) {
            return s;
        }
    }
}
