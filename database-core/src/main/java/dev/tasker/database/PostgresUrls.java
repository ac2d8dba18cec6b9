package dev.tasker.database;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses the two URL spellings users give for a PostgreSQL database:
 * {@code postgresql://user:password@host:port/database?options} (also {@code postgres://}) and
 * {@code jdbc:postgresql://host:port/database?user=...&password=...}.
 */
public final class PostgresUrls {

    static final int DEFAULT_PORT = 5432;
    private static final String EXPECTED = "expected postgresql://user:password@host:port/database "
            + "or jdbc:postgresql://host:port/database";
    private static final Pattern PASSWORD_IN_QUERY = Pattern.compile("(?i)(password=)[^&]*");
    /** libpq parameter names that pgjdbc spells differently. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "application_name", "ApplicationName",
            "connect_timeout", "connectTimeout");

    private PostgresUrls() {
    }

    /**
     * Parses {@code url}.
     *
     * @param source what the URL came from, for error messages (e.g. {@code DATABASE_URL})
     * @throws DatabaseProviderException naming the source, the masked URL and what is wrong with it
     */
    public static DatabaseEndpoint parse(String source, String url) {
        if (url == null || url.isBlank()) {
            throw new DatabaseProviderException(source + " is empty; " + EXPECTED);
        }
        String text = url.strip();
        String rest;
        if (text.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
        } else if (text.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (text.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw invalid(source, text, "unsupported scheme");
        }

        String query = "";
        int questionMark = rest.indexOf('?');
        if (questionMark >= 0) {
            query = rest.substring(questionMark + 1);
            rest = rest.substring(0, questionMark);
        }
        // The credentials end at the last '@', so a password with an unencoded '/' or '@' neither breaks the
        // parse nor leaks into an error message about the host or port.
        String user = "";
        String password = "";
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : "";
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1)) : "";
        if (authority.contains(",")) {
            throw invalid(source, text, "several hosts are not supported");
        }

        String host = authority;
        int port = DEFAULT_PORT;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw invalid(source, text, "unclosed '[' in the host");
            }
            host = authority.substring(1, close);
            if (authority.length() > close + 1) {
                if (authority.charAt(close + 1) != ':') {
                    throw invalid(source, text, "unexpected text after the host");
                }
                portText = authority.substring(close + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                portText = authority.substring(colon + 1);
            }
        }
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw invalid(source, text, "port '" + portText + "' is not a number");
            }
            if (port < 1 || port > 65_535) {
                throw invalid(source, text, "port " + port + " is out of range 1-65535");
            }
        }
        if (host.isEmpty()) {
            host = "localhost";
        }

        Map<String, String> parameters = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String key = decode(equals >= 0 ? pair.substring(0, equals) : pair);
                String value = equals >= 0 ? decode(pair.substring(equals + 1)) : "";
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    case "dbname" -> database = value;
                    default -> parameters.put(LIBPQ_TO_JDBC.getOrDefault(key, key), value);
                }
            }
        }
        if (database.isEmpty()) {
            throw invalid(source, text, "no database name");
        }
        return new DatabaseEndpoint(host, port, database, user, password, parameters);
    }

    /**
     * Masks any password in a URL string so it can be printed: the text between the first ':' after {@code //}
     * and the last '@' before the query, and every {@code password=} query value.
     */
    public static String mask(String url) {
        if (url == null) {
            return "null";
        }
        String masked = url;
        int start = masked.indexOf("//");
        if (start >= 0) {
            start += 2;
            int query = masked.indexOf('?', start);
            int end = query >= 0 ? query : masked.length();
            int at = masked.lastIndexOf('@', end - 1);
            int colon = masked.indexOf(':', start);
            if (at >= start && colon >= 0 && colon < at) {
                masked = masked.substring(0, colon + 1) + "****" + masked.substring(at);
            }
        }
        return PASSWORD_IN_QUERY.matcher(masked).replaceAll("$1****");
    }

    private static DatabaseProviderException invalid(String source, String url, String reason) {
        return new DatabaseProviderException(
                source + " '" + mask(url) + "' is not a valid PostgreSQL URL: " + reason + "; " + EXPECTED);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
