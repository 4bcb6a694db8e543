package fr.passerelle.hub.failure;

import fr.passerelle.hub.canonical.FieldIssue;
import java.util.List;

/**
 * The base of the hub's own exceptions: each subclass says what went wrong once, with its code and kind, and every
 * channel renders it from there. The message is the French detail: ids only, never partner data.
 */
public abstract class HubException extends RuntimeException implements Failure {

    private final FailureKind kind;
    private final String code;
    private final String title;
    private final List<FieldIssue> errors;

    protected HubException(FailureKind kind, String code, String title, String detail) {
        this(kind, code, title, detail, List.of(), null);
    }

    protected HubException(FailureKind kind, String code, String title, String detail, List<FieldIssue> errors,
                           Throwable cause) {
        super(detail, cause);
        this.kind = kind;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    @Override
    public FailureKind kind() {
        return kind;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String detail() {
        return getMessage();
    }

    @Override
    public List<FieldIssue> errors() {
        return errors;
    }
}
