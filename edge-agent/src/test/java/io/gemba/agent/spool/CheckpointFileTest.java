package io.gemba.agent.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

  private static final byte[] STATE = "{\"stations\":[]}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void written_isReadBack_andANewOneReplacesIt() throws Exception {
    assertThat(CheckpointFile.read(dir)).isEmpty();

    long size = CheckpointFile.write(dir, 1234, out -> out.write(STATE));
    CheckpointFile.Saved saved = CheckpointFile.read(dir).orElseThrow();
    assertThat(saved.position()).isEqualTo(1234);
    assertThat(saved.state()).isEqualTo(STATE);
    // magic 8 + position 8 + state + length 8 + checksum 4
    assertThat(size).isEqualTo(28 + STATE.length);
    assertThat(Files.size(dir.resolve(CheckpointFile.NAME))).isEqualTo(size);

    CheckpointFile.write(dir, 5678, out -> out.write(new byte[] {1, 2, 3}));
    assertThat(CheckpointFile.read(dir).orElseThrow().position()).isEqualTo(5678);
    assertThat(CheckpointFile.read(dir).orElseThrow().state()).containsExactly(1, 2, 3);
    assertThat(dir.resolve(CheckpointFile.NAME + ".tmp")).doesNotExist();
  }

  @Test
  void aWriteThatFails_leavesTheLastCheckpointAsItWas() throws Exception {
    CheckpointFile.write(dir, 1234, out -> out.write(STATE));

    assertThatThrownBy(
            () ->
                CheckpointFile.write(
                    dir,
                    9999,
                    out -> {
                      out.write(new byte[100]);
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");

    assertThat(CheckpointFile.read(dir).orElseThrow().position()).isEqualTo(1234);
    assertThat(CheckpointFile.read(dir).orElseThrow().state()).isEqualTo(STATE);
  }

  @Test
  void aFlippedBitAnywhere_orACut_isRefused() throws Exception {
    CheckpointFile.write(dir, 1234, out -> out.write(STATE));
    Path file = dir.resolve(CheckpointFile.NAME);
    byte[] whole = Files.readAllBytes(file);
    for (int i = 0; i < whole.length; i++) {
      byte[] damaged = whole.clone();
      damaged[i] ^= 0x01;
      Files.write(file, damaged);
      assertThatThrownBy(() -> CheckpointFile.read(dir))
          .as("bit flipped in byte %d", i)
          .isInstanceOf(IOException.class);
    }
    for (int length = 0; length < whole.length; length++) {
      Files.write(file, Arrays.copyOf(whole, length));
      assertThatThrownBy(() -> CheckpointFile.read(dir))
          .as("cut at %d", length)
          .isInstanceOf(IOException.class);
    }
  }
}
