package dev.tasker.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresUrlsTest {

    @Test
    void parsesTheLibpqForm() {
        DatabaseEndpoint endpoint = PostgresUrls.parse("DATABASE_URL",
                "postgresql://tasker:s3cret@db.example:5433/tasker_split_test?sslmode=require&application_name=cli");

        assertThat(endpoint.host()).isEqualTo("db.example");
        assertThat(endpoint.port()).isEqualTo(5433);
        assertThat(endpoint.database()).isEqualTo("tasker_split_test");
        assertThat(endpoint.user()).isEqualTo("tasker");
        assertThat(endpoint.password()).isEqualTo("s3cret");
        assertThat(endpoint.parameters()).containsExactly(Map.entry("sslmode", "require"),
                Map.entry("ApplicationName", "cli"));
        assertThat(endpoint.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example:5433/tasker_split_test?sslmode=require&ApplicationName=cli");
    }

    @Test
    void parsesTheJdbcFormWithCredentialsInTheQuery() {
        DatabaseEndpoint endpoint = PostgresUrls.parse("PGMQ_DATABASE_URL",
                "jdbc:postgresql://localhost:5432/pgmq?user=tasker&password=p%40ss&connectTimeout=3");

        assertThat(endpoint).isEqualTo(new DatabaseEndpoint("localhost", 5432, "pgmq", "tasker", "p@ss",
                Map.of("connectTimeout", "3")));
    }

    @Test
    void bothSpellingsOfOneDatabaseGiveTheSameEndpoint() {
        assertThat(PostgresUrls.parse("a", "postgres://u:p@h:6000/d"))
                .isEqualTo(PostgresUrls.parse("b", "jdbc:postgresql://h:6000/d?user=u&password=p"));
    }

    @Test
    void defaultsHostAndPortAndDecodesPercentEscapes() {
        DatabaseEndpoint endpoint = PostgresUrls.parse("DATABASE_URL", "postgresql://us%3Aer:pa%2Fss%40word@/tasker");

        assertThat(endpoint.host()).isEqualTo("localhost");
        assertThat(endpoint.port()).isEqualTo(5432);
        assertThat(endpoint.user()).isEqualTo("us:er");
        assertThat(endpoint.password()).isEqualTo("pa/ss@word");
    }

    @Test
    void acceptsIpv6Hosts() {
        DatabaseEndpoint endpoint = PostgresUrls.parse("DATABASE_URL", "postgresql://[::1]:6543/tasker");

        assertThat(endpoint.host()).isEqualTo("::1");
        assertThat(endpoint.port()).isEqualTo(6543);
        assertThat(endpoint.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:6543/tasker");
    }

    @Test
    void neverPrintsThePassword() {
        DatabaseEndpoint endpoint = PostgresUrls.parse("DATABASE_URL", "postgresql://tasker:hunter2@localhost/tasker");

        assertThat(endpoint.toString()).isEqualTo("postgresql://tasker:****@localhost:5432/tasker")
                .doesNotContain("hunter2");
        assertThat(endpoint.displayUrl()).doesNotContain("hunter2");
        assertThat(endpoint.jdbcUrl()).doesNotContain("hunter2");
        assertThat(PostgresUrls.mask("jdbc:postgresql://h/d?user=u&password=hunter2&x=1"))
                .isEqualTo("jdbc:postgresql://h/d?user=u&password=****&x=1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://tasker:hun/ter2@db:5433/tasker | hun/ter2",
            "postgresql://tasker:hun@ter2@db:5433/tasker | hun@ter2",
            "postgresql://tasker:hu:n/t@er2@db:5433/tasker | hu:n/t@er2",
    })
    void acceptsAndMasksUnencodedSlashesAndAtSignsInThePassword(String url, String password) {
        DatabaseEndpoint endpoint = PostgresUrls.parse("DATABASE_URL", url);

        assertThat(endpoint.password()).isEqualTo(password);
        assertThat(endpoint.host()).isEqualTo("db");
        assertThat(endpoint.port()).isEqualTo(5433);
        assertThat(endpoint.database()).isEqualTo("tasker");
        assertThat(PostgresUrls.mask(url)).isEqualTo("postgresql://tasker:****@db:5433/tasker");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://tasker:hun/ter2@localhost:54x2/db | port '54x2' is not a number",
            "postgresql://tasker:hun@ter2@localhost:54x2/db | port '54x2' is not a number",
            "mysql://tasker:hunter2@localhost/tasker       | unsupported scheme",
            "postgresql://tasker:hunter2@localhost:54x2/db  | port '54x2' is not a number",
            "postgresql://tasker:hunter2@localhost:70000/db | port 70000 is out of range 1-65535",
            "postgresql://tasker:hunter2@localhost:5432     | no database name",
            "postgresql://tasker:hunter2@h1,h2/db           | several hosts are not supported",
            "postgresql://tasker:hunter2@[::1/db            | unclosed '['",
    })
    void rejectsBadUrlsNamingTheVariableAndTheProblemWithoutThePassword(String url, String problem) {
        assertThatThrownBy(() -> PostgresUrls.parse("DATABASE_URL", url))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessageStartingWith("DATABASE_URL '")
                .hasMessageContaining(problem)
                .hasMessageContaining("expected postgresql://user:password@host:port/database")
                .hasMessageNotContaining("ter2");
    }

    @Test
    void rejectsAnEmptyUrl() {
        assertThatThrownBy(() -> PostgresUrls.parse("PGMQ_DATABASE_URL", "  "))
                .isInstanceOf(DatabaseProviderException.class)
                .hasMessageStartingWith("PGMQ_DATABASE_URL is empty");
    }
}
