package io.gemba.agent.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the secrets of a section: never from the file in clear. A secret {@code password} comes
 * from the environment variable named like its key ({@code GEMBA_MQTT_PASSWORD}), or else from the
 * file named by {@code passwordFile} (relative to the configuration file's directory), its content
 * less one trailing newline. The variable wins over the file. No problem ever quotes a secret.
 */
final class Secrets {

  /** Larger than any password or token: a file this big is the wrong file. */
  private static final long MAX_SIZE = 64 * 1024;

  private Secrets() {}

  /**
   * The secret {@code key} of {@code section} (as {@code password}), read from {@code key + "File"}
   * or the environment; {@link Secret#none()} if neither is set or it cannot be read (a problem).
   */
  static Secret read(Section section, String key) {
    KeyPath secretPath = section.path().key(key);
    String fileKey = key + "File";
    String variable = EnvOverrides.variableFor(secretPath);
    section.refuse(
        key,
        "secrets are not allowed in the configuration file: name a file that holds it in "
            + section.path().key(fileKey)
            + ", or set the environment variable "
            + variable);
    Optional<Path> file = section.scalar(fileKey, Parsers.path()).value();
    Optional<String> fromEnv = section.context().env().secretFor(secretPath);
    if (fromEnv.isPresent()) {
      return Secret.of(fromEnv.get());
    }
    if (file.isEmpty()) {
      return Secret.none();
    }
    Path resolved = section.context().baseDir().resolve(file.get());
    try {
      if (Files.size(resolved) > MAX_SIZE) {
        section.problem(fileKey, "file '" + resolved + "' is larger than 64 KiB");
        return Secret.none();
      }
      String value = withoutTrailingNewline(decode(Files.readAllBytes(resolved)));
      if (value.isEmpty()) {
        section.problem(fileKey, "file '" + resolved + "' is empty");
        return Secret.none();
      }
      return Secret.of(value);
    } catch (NoSuchFileException e) {
      section.problem(fileKey, "file '" + resolved + "' does not exist");
    } catch (AccessDeniedException e) {
      section.problem(fileKey, "file '" + resolved + "' cannot be read: permission denied");
    } catch (CharacterCodingException e) {
      section.problem(fileKey, "file '" + resolved + "' is not UTF-8 text");
    } catch (IOException e) {
      section.problem(
          fileKey, "file '" + resolved + "' cannot be read: " + e.getClass().getSimpleName());
    }
    return Secret.none();
  }

  private static String decode(byte[] bytes) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes))
        .toString();
  }

  /** {@code echo secret > file} adds a newline that is not part of the secret; one is removed. */
  static String withoutTrailingNewline(String value) {
    if (value.endsWith("\r\n")) {
      return value.substring(0, value.length() - 2);
    }
    if (value.endsWith("\n")) {
      return value.substring(0, value.length() - 1);
    }
    return value;
  }
}
