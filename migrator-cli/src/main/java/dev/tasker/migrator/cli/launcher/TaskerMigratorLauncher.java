package dev.tasker.migrator.cli.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The executable jar's {@code Main-Class}. Compiled for Java 8 (unlike the rest of the project, which needs 21), so
 * that an older Java can load it: it checks the running version and exits with {@value #JAVA_TOO_OLD} and a message
 * naming the version found and what to install, instead of failing with an {@code UnsupportedClassVersionError} and
 * exit status 1 (which would read as "a migration failed"). On Java 21 or newer it calls
 * {@code dev.tasker.migrator.cli.TaskerMigratorCli.main} with the same arguments.
 */
public final class TaskerMigratorLauncher {

    /** The oldest Java feature release the migrator runs on. */
    public static final int REQUIRED_JAVA = 21;
    /** The exit status for a Java older than {@link #REQUIRED_JAVA} (ExitCode.JAVA_TOO_OLD of the CLI). */
    public static final int JAVA_TOO_OLD = 6;

    private static final String CLI = "dev.tasker.migrator.cli.TaskerMigratorCli";

    private TaskerMigratorLauncher() {
    }

    /** Checks the Java version, then runs the CLI. */
    public static void main(String[] args) throws Throwable {
        String version = System.getProperty("java.specification.version", "");
        String problem = problem(version);
        if (problem != null) {
            System.err.println("tasker-migrator: " + problem);
            System.err.flush();
            System.exit(JAVA_TOO_OLD);
        }
        Method main = Class.forName(CLI).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * What is wrong with a Java of this {@code java.specification.version} ({@code 1.8}, {@code 17}, {@code 21}),
     * or null when it is new enough.
     */
    public static String problem(String specificationVersion) {
        int feature = featureRelease(specificationVersion);
        if (feature >= REQUIRED_JAVA) {
            return null;
        }
        return "needs Java " + REQUIRED_JAVA + " or newer, but runs on Java "
                + (specificationVersion.isEmpty() ? "of an unknown version" : specificationVersion) + " ("
                + System.getProperty("java.home", "unknown java.home") + "). Install a JDK or JRE " + REQUIRED_JAVA
                + "+ and run it with that java (e.g. set JAVA_HOME and use $JAVA_HOME/bin/java -jar ...).";
    }

    /** The feature release of a specification version: {@code 1.8} is 8, {@code 21} is 21, garbage is 0. */
    static int featureRelease(String specificationVersion) {
        String text = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(text.substring(0, end));
    }
}
