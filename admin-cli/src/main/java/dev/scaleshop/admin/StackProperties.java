package dev.scaleshop.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The resolved settings of a running stack, as server-config/bin/stack writes them to run/stack.properties. */
final class StackProperties {

    private final Properties properties;
    private final Path file;

    private StackProperties(Properties properties, Path file) {
        this.properties = properties;
        this.file = file;
    }

    static StackProperties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new CliException("stack not described at " + file + " (server-config/bin/stack up writes it): " + e.getMessage());
        }
        return new StackProperties(properties, file);
    }

    String get(String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new CliException(file + " has no " + key);
        }
        return value;
    }

    Path path(String key) {
        return Path.of(get(key));
    }

    String read(String keyOfFile) {
        try {
            return Files.readString(path(keyOfFile)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
