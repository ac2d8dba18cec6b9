package dev.tasker.examples.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's "Use it from Spring Boot" shows this example as it is, in fewer than 60 lines of code. */
class ReadmeExampleTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/tasker/examples/worker");

    @Test
    void theReadmeShowsTheExampleWorkerUnchanged() throws IOException {
        String readme = Files.readString(Path.of("../../README.md"));
        for (String file : new String[] {"DiamondWorkerApplication.java", "DiamondWorkflow.java"}) {
            assertThat(readme).as(file).contains(fromAnnotation(Files.readString(SOURCES.resolve(file))));
        }
    }

    @Test
    void theApplicationCodeIsFewerThan60Lines() throws IOException {
        long lines = 0;
        for (String file : new String[] {"DiamondWorkerApplication.java", "DiamondWorkflow.java"}) {
            lines += Files.readAllLines(SOURCES.resolve(file)).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("import ") && !line.startsWith("package ")
                            && !line.startsWith("/**") && !line.startsWith("*") && !line.startsWith("//"))
                    .count();
        }
        assertThat(lines).isLessThan(60);
    }

    /** The class from its annotation on: what the README shows. */
    private static String fromAnnotation(String source) {
        return source.substring(source.indexOf("\n@") + 1).stripTrailing();
    }
}
