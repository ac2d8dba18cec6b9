package dev.tasker.migrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellWithAHeaderRule() {
        String text = TextTable.withHeaders("SET", "VERSION", "STATE")
                .row("tasker", "20250810140000", "applied")
                .row("pgmq", 1, "pending")
                .render();

        assertThat(text).isEqualTo("""
                SET     VERSION         STATE
                ------  --------------  -------
                tasker  20250810140000  applied
                pgmq    1               pending
                """);
    }

    @Test
    void rightAlignedColumnsPadOnTheLeft() {
        String text = TextTable.withHeaders("SET", "APPLIED NOW").alignRight(1)
                .row("tasker", 12)
                .row("pgmq", 2)
                .render();

        assertThat(text).isEqualTo("""
                SET     APPLIED NOW
                ------  -----------
                tasker           12
                pgmq              2
                """);
    }

    @Test
    void withoutHeadersThereIsNoRuleAndTrailingBlanksAreTrimmed() {
        String text = TextTable.withoutHeaders(3)
                .row("mode", "split", "")
                .row("tasker database", "postgresql://postgres@localhost:5432/tasker", "x")
                .render();

        assertThat(text).isEqualTo("""
                mode             split
                tasker database  postgresql://postgres@localhost:5432/tasker  x
                """);
    }

    @Test
    void anEmptyTableWithHeadersPrintsOnlyTheHeader() {
        TextTable table = TextTable.withHeaders("A", "BB");

        assertThat(table.isEmpty()).isTrue();
        assertThat(table.render()).isEqualTo("A  BB\n-  --\n");
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> TextTable.withHeaders("A", "B").row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a row of this table needs 2 cells, got 1: [only one]");
        assertThatThrownBy(() -> TextTable.withoutHeaders(0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
