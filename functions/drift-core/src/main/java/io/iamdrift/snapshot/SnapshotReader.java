package io.iamdrift.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads account snapshot files: the facade over {@link PageReader} (the file's top level: a page, pages, or the
 * auditor's envelope), {@link DetailReader} (users, roles, groups, policies), {@link JsonCursor} (typed, located
 * reads) and {@link SnapshotMerge}.
 *
 * <p>A file holds the output of {@code aws iam get-account-authorization-details} (CLI v1 or v2, as is), pages of
 * the raw API or of boto3 (a JSON array of pages, or pages concatenated; timestamps ISO-8601 or boto3's
 * {@code 2023-03-09 10:41:45+00:00}), or the auditor's envelope
 * {@code {"accountId", "collectedAt", "authorizationDetails": {...} or [pages], "credentialReport": "<CSV>"}}.
 * Policy documents may be JSON objects (CLI output) or URL-encoded strings (raw API); both become decoded JSON
 * text. Unknown fields are ignored (AWS adds fields over time); missing optional fields are fine. Refused: a file
 * without the snapshot's keys, an empty array of pages, and two accounts in one file.
 *
 * <p>The reader streams (Jackson's token parser, no tree), so a 50 MB file is read in one pass. Duplicate keys
 * are errors. Every error is a {@link SnapshotException} naming the file and {@code line:column} (syntax) or the
 * JSON pointer (shape).
 */
public final class SnapshotReader {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private SnapshotReader() {}

    /**
     * Reads one snapshot file from disk, streaming (memory grows with the account, not with the file's text);
     * the file name in messages is {@code file}'s file name.
     */
    public static AccountSnapshot read(Path file) throws SnapshotException {
        return read(
                file.getFileName() == null
                        ? file.toString()
                        : file.getFileName().toString(),
                file);
    }

    /** Reads one snapshot file from disk, streaming; {@code name} names it in error messages. */
    public static AccountSnapshot read(String name, Path file) throws SnapshotException {
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new SnapshotException(name, null, name + ": cannot read file: " + e, e);
        }
        try (in;
                JsonParser p = FACTORY.createParser(new BufferedInputStream(in, 1 << 16))) {
            return parse(name, p);
        } catch (IOException e) {
            throw syntax(name, e, null);
        }
    }

    /** Reads several files and merges them into one snapshot (see {@link #merge}). */
    public static AccountSnapshot readAll(List<Path> files) throws SnapshotException {
        List<AccountSnapshot> parts = new ArrayList<>(files.size());
        for (Path f : files) {
            parts.add(read(f));
        }
        return merge(parts);
    }

    /** Reads a snapshot from its text; {@code fileName} names it in error messages. */
    public static AccountSnapshot read(String fileName, String text) throws SnapshotException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return parse(fileName, p);
        } catch (IOException e) {
            throw syntax(fileName, e, null);
        }
    }

    /** Reads a snapshot from UTF-8 bytes; {@code fileName} names it in error messages. */
    public static AccountSnapshot read(String fileName, byte[] utf8) throws SnapshotException {
        try (JsonParser p = FACTORY.createParser(utf8)) {
            return parse(fileName, p);
        } catch (IOException e) {
            throw syntax(fileName, e, null);
        }
    }

    /**
     * Merges snapshots (files, or pages read separately, in the order given) into one. The account ids must agree
     * (a part without one takes the others'); {@code collectedAt} is the latest of the parts; principals, groups
     * and policies are the union, where the same name (or policy ARN) in two parts must describe the same thing;
     * at most one distinct credential report. Pages are missing when the last part's last page was truncated.
     */
    public static AccountSnapshot merge(List<AccountSnapshot> parts) throws SnapshotException {
        return SnapshotMerge.merge(parts);
    }

    private static AccountSnapshot parse(String fileName, JsonParser p) throws SnapshotException {
        try {
            return new PageReader(new JsonCursor(fileName, p, FACTORY)).readFile();
        } catch (IOException e) {
            throw syntax(fileName, e, p);
        }
    }

    private static SnapshotException syntax(String file, IOException e, JsonParser reading) {
        if (e instanceof JsonProcessingException jpe) {
            JsonErrors err = JsonErrors.of(jpe, reading);
            String where = err.line() < 0 ? "" : ":" + err.line() + ":" + err.column();
            String pointer = err.pointer().isEmpty() ? null : err.pointer();
            return new SnapshotException(
                    file,
                    pointer,
                    file + where + ": " + err.kind() + (pointer == null ? "" : " (in " + pointer + ")") + ": "
                            + err.detail(),
                    e);
        }
        return new SnapshotException(file, null, file + ": cannot read: " + e, e);
    }
}
