package io.runwire.startup;

/**
 * A reason not to start that Runwire found itself, and whose message is the whole story: one sentence saying what is
 * wrong and what to do. {@link StartupRefusalAnalyzer} prints it as it is, without the stack trace.
 */
public class StartupRefusal extends IllegalStateException {

    public StartupRefusal(String sentence) {
        super(sentence);
    }
}
