package io.iamdrift.catalog;

import java.util.Optional;

/** The access level the Service Authorization Reference gives an action. */
public enum AccessLevel {
    LIST("List", 'L'),
    READ("Read", 'R'),
    WRITE("Write", 'W'),
    PERMISSIONS_MANAGEMENT("Permissions management", 'P'),
    TAGGING("Tagging", 'T');

    private final String label;
    private final char code;

    AccessLevel(String label, char code) {
        this.label = label;
        this.code = code;
    }

    /** The label as AWS documents it, e.g. {@code "Permissions management"}. */
    public String label() {
        return label;
    }

    /** The level with this label (case-insensitive), e.g. {@code "Tagging"}. */
    public static Optional<AccessLevel> fromLabel(String label) {
        for (AccessLevel level : values()) {
            if (level.label.equalsIgnoreCase(label.strip())) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** The one-letter code used in the catalog resource; null when unknown. */
    static AccessLevel fromCode(char code) {
        for (AccessLevel level : values()) {
            if (level.code == code) {
                return level;
            }
        }
        return null;
    }
}
