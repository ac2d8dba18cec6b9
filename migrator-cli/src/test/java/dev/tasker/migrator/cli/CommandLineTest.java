package dev.tasker.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasker.database.DatabaseMode;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandLineTest {

    @Test
    void parsesEveryOptionBeforeOrAfterTheCommand() {
        CommandLine line = CommandLine.parse("--mode", "split", "migrate", "--embedded", "--config=app.properties",
                "--dry-run", "--data-dir", "/tmp/pg");

        assertThat(line).isEqualTo(new CommandLine(Optional.of(Command.MIGRATE), Optional.of(DatabaseMode.SPLIT), true,
                Optional.of(Path.of("app.properties")), true, Optional.of(Path.of("/tmp/pg")), false));
    }

    @Test
    void aBareCommandHasNoOptions() {
        assertThat(CommandLine.parse("doctor")).isEqualTo(new CommandLine(Optional.of(Command.DOCTOR),
                Optional.empty(), false, Optional.empty(), false, Optional.empty(), false));
    }

    @Test
    void helpNeedsNoCommand() {
        assertThat(CommandLine.parse("--help").help()).isTrue();
        assertThat(CommandLine.parse("-h").command()).isEmpty();
        assertThat(CommandLine.parse("info", "--help").command()).contains(Command.INFO);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''                          | no command given",
            "frobnicate                  | unknown command 'frobnicate'",
            "MIGRATE                     | unknown command 'MIGRATE'",
            "migrate --force             | unknown option '--force'",
            "migrate -x                  | unknown option '-x'",
            "migrate --embedded=yes      | unknown option '--embedded=yes'",
            "migrate info                | unexpected argument 'info' after the command",
            "migrate --mode              | option --mode needs a value",
            "migrate --mode --embedded   | option --mode needs a value",
            "migrate --config=           | option --config needs a value",
            "migrate --mode both         | --mode must be single or split, got 'both'",
            "migrate --mode single --mode=split | option --mode is given twice",
            "info --dry-run              | --dry-run applies to migrate only, not to info",
    })
    void refusesWhatItDoesNotUnderstand(String commandLine, String message) {
        String[] args = commandLine.isBlank() ? new String[0] : commandLine.strip().split("\\s+");

        assertThatThrownBy(() -> CommandLine.parse(args))
                .isInstanceOf(UsageException.class)
                .hasMessage(message);
    }
}
