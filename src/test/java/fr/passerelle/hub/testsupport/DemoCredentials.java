package fr.passerelle.hub.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The demo credentials of application.yml, which the tests use as the partners and the operator would. */
public final class DemoCredentials {

    public static final String AILE_KEY = "demo-aile-key";
    public static final String PROGRAMME_KEY = "demo-ruche-itineraire-key";
    public static final String ML_VAL_ORGE_KEY = "demo-ml-val-orge-key";
    public static final String PLIE_VAL_ORGE_KEY = "demo-plie-val-orge-key";
    public static final String FT_91_KEY = "demo-ft-91-key";

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "demo-operator-password";
    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "demo-viewer-password";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "demo-admin-password";

    private DemoCredentials() {
    }

    /** The partner's SFTP password: {@code demo-<partner>-sftp}. */
    public static String sftpPassword(String partnerId) {
        return "demo-" + partnerId + "-sftp";
    }

    /** The {@code Authorization} header value of the operator's HTTP Basic login (the ops API). */
    public static String operatorBasicAuthorization() {
        return basicAuthorization(OPERATOR, OPERATOR_PASSWORD);
    }

    /** The {@code Authorization} header value of a console login over HTTP Basic. */
    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
