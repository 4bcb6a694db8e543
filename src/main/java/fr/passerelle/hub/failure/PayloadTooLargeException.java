package fr.passerelle.hub.intake;

public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("payload larger than " + limit + " bytes");
    }
}
