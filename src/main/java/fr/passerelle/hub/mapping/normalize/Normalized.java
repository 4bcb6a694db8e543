package fr.passerelle.hub.mapping.normalize;

import java.util.List;

/** What a normalizer makes of a raw value. */
public sealed interface Normalized {

    Normalized EMPTY = new Empty();

    static Normalized value(Object value) {
        return new Value(value, List.of());
    }

    /** A value kept, with parts that were dropped (one unreadable phone of two, say). */
    static Normalized value(Object value, List<Problem> dropped) {
        return new Value(value, List.copyOf(dropped));
    }

    /** The value is unusable and the record cannot be accepted without it. */
    static Normalized rejected(String code, String message) {
        return new Rejected(new Problem(code, message));
    }

    /** The value is unusable but optional: dropped, with a warning for the sender. */
    static Normalized dropped(String code, String message) {
        return new Dropped(new Problem(code, message));
    }

    record Problem(String code, String message) {
    }

    record Value(Object value, List<Problem> dropped) implements Normalized {
    }

    record Empty() implements Normalized {
    }

    record Rejected(Problem problem) implements Normalized {
    }

    record Dropped(Problem problem) implements Normalized {
    }
}
