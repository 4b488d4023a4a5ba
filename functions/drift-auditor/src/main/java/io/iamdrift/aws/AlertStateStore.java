package io.iamdrift.aws;

import java.util.Optional;

/**
 * The alert state of one account (which findings were alerted, when, with which evidence): an opaque JSON
 * document owned by the caller, stored with optimistic concurrency so two overlapping runs can't lose each
 * other's updates.
 */
public interface AlertStateStore {

    /** The current state and its version tag, or empty when the account has none yet. */
    Optional<Versioned> read(String accountId);

    /**
     * Replaces the state only if it is still at {@code expectedTag} (from {@link #read}); with a null tag,
     * creates it only if none exists yet.
     *
     * @return the new version tag
     * @throws ConcurrentModificationException when another writer got there first: re-read, merge, retry
     */
    String write(String accountId, byte[] json, String expectedTag);

    /** A state document and the tag to pass back when replacing it. */
    record Versioned(byte[] json, String tag) {}

    /** The state changed (or appeared) since it was read. */
    final class ConcurrentModificationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConcurrentModificationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
