package io.runwire.http;

import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A call cut off by its {@link CallDeadline}: no complete answer, head and body, within the time it was given. A
 * {@link SocketTimeoutException}, so a retry policy treats it as the timeout it is.
 */
public class CallDeadlineExceededException extends SocketTimeoutException {

    public CallDeadlineExceededException(Duration budget) {
        super("No complete answer within " + seconds(budget));
    }

    private static String seconds(Duration budget) {
        return budget.toMillis() % 1000 == 0 ? budget.toSeconds() + " s" : budget.toMillis() + " ms";
    }
}
