package fr.passerelle.hub.sftp;

import java.io.IOException;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;

/** An upload the hub refuses; its message, in French, is what the partner's SFTP client shows. */
class UploadRefusedException extends IOException {

    /**
     * Status messages sent to SFTP clients: a refusal explains itself; any other failure keeps the protocol's
     * generic text, which quotes no path and no internal detail.
     */
    static final SftpErrorStatusDataHandler STATUS_MESSAGES = new SftpErrorStatusDataHandler() {
        @Override
        public String resolveErrorMessage(SftpSubsystemEnvironment sftpSubsystem, int id, Throwable e, int subStatus,
                                          int cmd, Object... args) {
            return e instanceof UploadRefusedException ? e.getMessage()
                    : SftpErrorStatusDataHandler.DEFAULT.resolveErrorMessage(sftpSubsystem, id, e, subStatus, cmd, args);
        }
    };

    public UploadRefusedException(String message) {
        super(message);
    }
}
