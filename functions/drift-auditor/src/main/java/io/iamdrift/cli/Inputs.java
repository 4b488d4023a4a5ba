package io.iamdrift.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads input files (or {@code -} for standard input) with clear errors. */
final class Inputs {

    private Inputs() {}

    static String read(String name) {
        try {
            if (name.equals("-")) {
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(name), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InputException(name + ": not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(name + ": cannot read: " + e.getMessage());
        }
    }

    static void write(String output, String text) {
        if (output == null || output.equals("-")) {
            System.out.print(text);
            if (!text.endsWith("\n")) {
                System.out.println();
            }
            System.out.flush();
            return;
        }
        try {
            Files.writeString(Path.of(output), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(output + ": cannot write: " + e.getMessage());
        }
    }
}
