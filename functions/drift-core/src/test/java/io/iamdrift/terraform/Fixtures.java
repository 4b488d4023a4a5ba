package io.iamdrift.terraform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The committed state files under {@code src/test/resources/io/iamdrift/terraform}. */
final class Fixtures {

    private Fixtures() {}

    static StateSource state(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new StateSource(name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
