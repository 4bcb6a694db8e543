package fr.passerelle.hub.security;

import fr.passerelle.hub.failure.PayloadTooLargeException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SECURITY: the largest body a partner may send, enforced before anything buffers it. A declared
 * {@code Content-Length} over the limit is answered 413 at once, without reading a byte of the body; a body without
 * one (chunked) is counted as it is read, and the read that crosses the limit answers 413 and fails, so no reader
 * (Camel's stream cache included) ever holds more than the limit.
 */
class RequestSizeLimit extends OncePerRequestFilter {

    private final long limit;

    RequestSizeLimit(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            Problems.tooLarge(response, limit);
            return;
        }
        chain.doFilter(new Bounded(request, response, limit), response);
    }

    /** Thrown by the read that crosses the limit, once the 413 is written. */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body over " + limit + " bytes", new PayloadTooLargeException(limit));
        }
    }

    private static final class Bounded extends HttpServletRequestWrapper {

        private final HttpServletResponse response;
        private final long limit;
        private ServletInputStream stream;
        private BufferedReader reader;

        Bounded(HttpServletRequest request, HttpServletResponse response, long limit) {
            super(request);
            this.response = response;
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counting(super.getInputStream());
            }
            return stream;
        }

        // Camel's HTTP binding may read the body as characters: the same count applies.
        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String encoding = getCharacterEncoding();
                reader = new BufferedReader(new InputStreamReader(getInputStream(),
                        encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
            }
            return reader;
        }

        private final class Counting extends ServletInputStream {

            private final ServletInputStream in;
            private long count;

            Counting(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    counted(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    counted(n);
                }
                return n;
            }

            private void counted(int n) throws IOException {
                count += n;
                if (count > limit) {
                    if (!response.isCommitted()) {
                        Problems.tooLarge(response, limit);
                    }
                    throw new BodyTooLargeException(limit);
                }
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }
        }
    }
}
