package ledger.api.infrastructure.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: created 0600 in a 0700 directory, atomically; a key file others can read is refused. */
class KeyFilesTest {

    @TempDir
    Path tmp;

    @Test
    void a_generated_key_file_is_0600_in_a_0700_directory_and_leaves_no_temporary_file() throws IOException {
        Path file = tmp.resolve("data/master.key");
        KeyFiles.create(file, "secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(KeyFiles.read(file)).isEqualTo("secret");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries.toList()).containsExactly(file);
        }
    }

    @Test
    void an_existing_key_file_is_never_overwritten() throws IOException {
        Path file = tmp.resolve("master.key");
        Files.writeString(file, "first");
        assertThatThrownBy(() -> KeyFiles.create(file, "second")).isInstanceOf(RuntimeException.class);
        assertThat(Files.readString(file)).isEqualTo("first");
    }

    @Test
    void a_group_or_world_readable_key_file_is_refused_naming_the_fix() throws IOException {
        for (String permissions : new String[] {"rw-r--r--", "rw-r-----", "rw----r--", "rw-rw----"}) {
            Path file = tmp.resolve("key-" + permissions);
            Files.writeString(file, "secret");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
            assertThatThrownBy(() -> KeyFiles.read(file)).as(permissions)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("chmod 600")
                    .hasMessageNotContaining("secret");
        }
        Path owner = tmp.resolve("owner-only");
        Files.writeString(owner, "secret\n");
        Files.setPosixFilePermissions(owner, PosixFilePermissions.fromString("r--------"));
        assertThat(KeyFiles.read(owner)).isEqualTo("secret");
    }
}
