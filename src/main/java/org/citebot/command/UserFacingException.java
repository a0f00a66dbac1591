package org.citebot.command;

/**
 * A failure the user caused or can fix, with a short message written for them. The error boundary
 * shows the message privately and logs nothing alarming; every other exception gets a generic
 * apology with a reference id instead.
 */
public class UserFacingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UserFacingException(String userMessage) {
        super(userMessage);
    }
}
