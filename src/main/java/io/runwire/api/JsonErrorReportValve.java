package io.runwire.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error page, in the API's JSON shape: what the container refuses before any filter or servlet runs
 * (a malformed path or header, a request too large to parse, TRACE) still answers {@code {"error": "..."}}.
 * The request stays refused; only the answer changes.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    private final Function<ContainerRefusal, String> json;
    private final int maxHeaderBytes;

    public JsonErrorReportValve(Function<ContainerRefusal, String> json, int maxHeaderBytes) {
        this.json = json;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /**
     * A request the container refused already (during parsing, URI checks or TRACE) is answered here at once: the
     * host valve would otherwise forward it to the application's error page, still with its refused method.
     */
    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (response.isError()) {
            // sendError suspended the response; as in ErrorReportValve, lift that so the answer can be written
            response.setSuspended(false);
            report(request, response, (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            return;
        }
        super.invoke(request, response);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        // the same guards as Tomcat's: not an error, already answered, or a connection that cannot take an answer
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        org.apache.coyote.Request parsed = request.getCoyoteRequest();
        ContainerRefusal refusal = ContainerRefusal.of(response.getStatus(),
                throwable != null ? throwable.getMessage() : response.getMessage(),
                new ContainerRefusal.Parsed(!parsed.requestURI().isNull() && !parsed.protocol().isNull(),
                        parsed.method().toString(), parsed.getMimeHeaders().getHeader("host") != null),
                maxHeaderBytes);
        try {
            response.setStatus(refusal.status());
            response.setContentType("application/json");
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.apply(refusal));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the response was committed meanwhile: nothing more to tell
        }
    }
}
