package io.runwire.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * Closing a response body before its end makes HttpClient read the rest, to keep the connection for the next
 * request (ContentLengthInputStream and ChunkedInputStream drain on close): a target answering 50 MiB would be read
 * whole after the 4 KiB Runwire wanted. With this exec interceptor, placed next to the transport, around the body as
 * it comes off the connection, such a connection is closed instead and the rest never read; a body read to its end
 * still leaves its connection for reuse.
 */
public final class UnreadBodyDiscarder implements ExecChainHandler {

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        ClassicHttpResponse response = chain.proceed(request, scope);
        HttpEntity entity = response.getEntity();
        if (entity != null && entity.isStreaming()) {
            response.setEntity(new DiscardingEntity(entity, scope.execRuntime));
        }
        return response;
    }

    private static final class DiscardingEntity extends HttpEntityWrapper {

        private final ExecRuntime execRuntime;
        private InputStream content;

        DiscardingEntity(HttpEntity entity, ExecRuntime execRuntime) {
            super(entity);
            this.execRuntime = execRuntime;
        }

        @Override
        public synchronized InputStream getContent() throws IOException {
            if (content == null) {
                content = new DiscardOnEarlyClose(super.getContent(), getContentLength(), execRuntime);
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

    /** Counts what was read, as it arrived on the wire, to know on close whether anything is left. */
    private static final class DiscardOnEarlyClose extends FilterInputStream {

        private final long contentLength;
        private final ExecRuntime execRuntime;
        private long read;
        private boolean ended;
        private boolean closed;

        DiscardOnEarlyClose(InputStream in, long contentLength, ExecRuntime execRuntime) {
            super(in);
            this.contentLength = contentLength;
            this.execRuntime = execRuntime;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b == -1 ? -1 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            read += skipped;
            return skipped;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            if (ended || contentLength >= 0 && read >= contentLength) {
                in.close();
                return;
            }
            // closing the stream would read the rest; closing the connection leaves it unread, and the stream dead
            execRuntime.discardEndpoint();
        }

        private void count(int n) {
            if (n == -1) {
                ended = true;
            } else {
                read += n;
            }
        }
    }
}
