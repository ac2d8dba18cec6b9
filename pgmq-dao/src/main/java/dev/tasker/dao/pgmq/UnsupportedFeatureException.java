package dev.tasker.dao.pgmq;

/** The installed pgmq lacks a function the operation needs (see {@link PgmqFeatures}); nothing was run. */
public class UnsupportedFeatureException extends PgmqException {

    private static final long serialVersionUID = 1L;

    /** {@code feature} needs pgmq {@code minimumVersion} or later. */
    public UnsupportedFeatureException(String feature, String minimumVersion) {
        super(feature + " needs pgmq " + minimumVersion + " or later; the installed pgmq does not offer it");
    }
}
