package io.runwire.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * A hard limit on the wall-clock time of the outgoing calls a thread makes between {@link #start} and
 * {@link #finish}: waiting for a connection, connecting, sending, waiting for the head and reading the body all
 * count, so a target trickling a byte a second cannot stretch it the way it stretches a per-read socket timeout.
 * When it passes, the call in flight is cancelled (its connection closed at once) and fails with a
 * {@link CallDeadlineExceededException}. Camel's http producer is synchronous: the thread that starts a deadline is
 * the one that makes the call and reads its answer.
 */
public final class CallDeadline {

    private static final ThreadLocal<CallDeadline> CURRENT = new ThreadLocal<>();
    private static final ScheduledThreadPoolExecutor TIMER = timer();
    private static final ExecChainHandler ENFORCEMENT = CallDeadline::enforce;

    private final Duration budget;
    private final ScheduledFuture<?> expiry;
    private final AtomicReference<Cancellable> call = new AtomicReference<>();
    private volatile boolean passed;

    private CallDeadline(Duration budget) {
        this.budget = budget;
        this.expiry = TIMER.schedule(this::pass, budget.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** From now on, the calls this thread makes must be done, all of them together, within {@code budget}. */
    public static void start(Duration budget) {
        finish();
        CURRENT.set(new CallDeadline(budget));
    }

    /** The calls of this thread are free of the deadline again; one started elsewhere is not touched. */
    public static void finish() {
        CallDeadline deadline = CURRENT.get();
        CURRENT.remove();
        if (deadline != null) {
            deadline.expiry.cancel(false);
            deadline.call.set(null);
        }
    }

    /**
     * The HttpClient exec interceptor that holds each call to the deadline of the thread making it; outermost in the
     * chain, so it covers the whole call and sees the body as the caller reads it.
     */
    public static ExecChainHandler enforcement() {
        return ENFORCEMENT;
    }

    private static ClassicHttpResponse enforce(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        CallDeadline deadline = CURRENT.get();
        if (deadline == null) {
            return chain.proceed(request, scope);
        }
        // the request HttpClient runs is a CancellableDependency: cancelling it aborts a lease, a connect or a read
        deadline.watch(scope.originalRequest instanceof Cancellable cancellable ? cancellable : () -> {
            scope.execRuntime.discardEndpoint();
            return true;
        });
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException e) {
            throw deadline.explain(e);
        } catch (RuntimeException e) {
            // cancelled between two steps, HttpClient finds its endpoint gone: "Endpoint not acquired / already released"
            if (deadline.passed) {
                throw deadline.explain(new IOException(e));
            }
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity != null && entity.isStreaming()) {
            response.setEntity(new HeldEntity(entity, deadline));
        }
        return response;
    }

    private void watch(Cancellable request) {
        call.set(request);
        if (passed) {
            request.cancel();
        }
    }

    /** What a failure during the call means: once the deadline has passed, that it did; before, itself. */
    private IOException explain(IOException failure) {
        if (!passed || failure instanceof CallDeadlineExceededException) {
            return failure;
        }
        // suppressed, not the cause: a retry policy judges a call by the innermost IOException of the chain
        CallDeadlineExceededException exceeded = new CallDeadlineExceededException(budget);
        exceeded.addSuppressed(failure);
        return exceeded;
    }

    private void pass() {
        passed = true;
        Cancellable request = call.get();
        if (request != null) {
            request.cancel();
        }
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "runwire-call-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // most deadlines are finished long before they pass; keep the queue to the ones still running
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    /** A response body whose read failures, once the deadline has passed, say so. */
    private static final class HeldEntity extends HttpEntityWrapper {

        private final CallDeadline deadline;
        private InputStream content;

        HeldEntity(HttpEntity entity, CallDeadline deadline) {
            super(entity);
            this.deadline = deadline;
        }

        @Override
        public synchronized InputStream getContent() throws IOException {
            if (content == null) {
                content = new HeldStream(super.getContent(), deadline);
            }
            return content;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                in.transferTo(out);
            }
        }
    }

    private static final class HeldStream extends FilterInputStream {

        private final CallDeadline deadline;

        HeldStream(InputStream in, CallDeadline deadline) {
            super(in);
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException e) {
                throw deadline.explain(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return in.read(buffer, offset, length);
            } catch (IOException e) {
                throw deadline.explain(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return in.skip(n);
            } catch (IOException e) {
                throw deadline.explain(e);
            }
        }
    }
}
