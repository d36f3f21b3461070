package org.nnj.core.data;

/**
 * The element types of the IDX format (the third byte of the magic number), with their size in bytes.
 * Multi-byte elements are stored big-endian.
 */
public enum IdxType {
    UNSIGNED_BYTE(0x08, 1, "unsigned byte"),
    SIGNED_BYTE(0x09, 1, "signed byte"),
    SHORT(0x0B, 2, "short"),
    INT(0x0C, 4, "int"),
    FLOAT(0x0D, 4, "float"),
    DOUBLE(0x0E, 8, "double");

    private final int code;
    private final int bytes;
    private final String description;

    IdxType(int code, int bytes, String description) {
        this.code = code;
        this.bytes = bytes;
        this.description = description;
    }

    /** The type byte in the file, for example {@code 0x08}. */
    public int code() {
        return code;
    }

    /** The size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** True for the types whose values are integers (bytes, short, int). */
    public boolean isInteger() {
        return this != FLOAT && this != DOUBLE;
    }

    /** The type with this type byte, or null if the IDX format has none. */
    static IdxType fromCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** For messages: every type byte and its meaning. */
    static String known() {
        StringBuilder sb = new StringBuilder();
        for (IdxType t : values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t);
        }
        return sb.toString();
    }

    /** For example {@code 0x08 (unsigned byte)}. */
    @Override
    public String toString() {
        return String.format("0x%02X (%s)", code, description);
    }
}
