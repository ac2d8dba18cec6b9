package dev.tasker.database.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSourcesManifestTest {

    private static final String COMMAND = "./mvnw -Pcodegen -pl tasker-schema -am compile";

    @TempDir
    Path module;

    private Path manifest;
    private Path migrations;
    private Path config;
    private Path generated;

    @BeforeEach
    void writeModule() throws IOException {
        manifest = module.resolve("codegen/manifest.properties");
        migrations = Files.createDirectories(module.resolve("db/tasker"));
        config = module.resolve("codegen/jooq-codegen.xml");
        generated = Files.createDirectories(module.resolve("generated/dev/tasker"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE a (id int);\n");
        Files.writeString(migrations.resolve("V2__second.sql"), "CREATE TABLE b (id int);\n");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "<configuration/>\n");
        Files.writeString(generated.resolve("A.java"), "class A {}\n");
        run("write", "3.21.9");
    }

    @Test
    void anUnchangedModuleVerifies() {
        assertThatCode(() -> run("verify", "3.21.9")).doesNotThrowAnyException();
    }

    @Test
    void crlfLineEndingsVerifyTheSame() throws IOException {
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE a (id int);\r\n");

        assertThatCode(() -> run("verify", "3.21.9")).doesNotThrowAnyException();
    }

    @Test
    void aChangedMigrationFailsNamingItAndTheCommand() throws IOException {
        Files.writeString(migrations.resolve("V2__second.sql"), "CREATE TABLE b (id bigint);\n");

        assertThatThrownBy(() -> run("verify", "3.21.9"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("migration V2__second.sql (changed)")
                .hasMessageContaining(COMMAND);
    }

    @Test
    void aNewMigrationFails() throws IOException {
        Files.writeString(migrations.resolve("V3__third.sql"), "CREATE TABLE c (id int);\n");

        assertThatThrownBy(() -> run("verify", "3.21.9")).hasMessageContaining("migration V3__third.sql (new)");
    }

    @Test
    void aRemovedMigrationFails() throws IOException {
        Files.delete(migrations.resolve("V1__first.sql"));

        assertThatThrownBy(() -> run("verify", "3.21.9")).hasMessageContaining("migration V1__first.sql (removed)");
    }

    @Test
    void anotherJooqVersionFails() {
        assertThatThrownBy(() -> run("verify", "3.22.0")).hasMessageContaining("the jOOQ version (changed)");
    }

    @Test
    void aChangedCodegenConfigurationFails() throws IOException {
        Files.writeString(config, "<configuration><generator/></configuration>\n");

        assertThatThrownBy(() -> run("verify", "3.21.9")).hasMessageContaining("the codegen configuration (changed)");
    }

    @Test
    void aHandEditedGeneratedSourceFails() throws IOException {
        Files.writeString(generated.resolve("A.java"), "class A { int edited; }\n");

        assertThatThrownBy(() -> run("verify", "3.21.9")).hasMessageContaining("the generated sources");
    }

    @Test
    void aMissingManifestFailsForEveryInput() throws IOException {
        Files.delete(manifest);

        assertThatThrownBy(() -> run("verify", "3.21.9"))
                .hasMessageContaining("migration V1__first.sql (new)")
                .hasMessageContaining("the jOOQ version (new)");
    }

    @Test
    void theManifestIsStableText() throws IOException {
        String first = Files.readString(manifest);
        run("write", "3.21.9");

        assertThat(Files.readString(manifest)).isEqualTo(first)
                .contains("jooq.version=3.21.9")
                .contains("migration.V1__first.sql.sha256=")
                .doesNotContain(module.toString());
    }

    private void run(String mode, String jooqVersion) throws IOException {
        GeneratedSourcesManifest.main(new String[] {mode, manifest.toString(), migrations.toString(),
            config.toString(), module.resolve("generated").toString(), jooqVersion, COMMAND});
    }
}
