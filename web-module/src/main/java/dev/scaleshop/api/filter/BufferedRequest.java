package dev.scaleshop.api.filter;

import java.io.ByteArrayInputStream;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/** A request whose body a filter has read already (bounded): handed on unchanged, readable once more. */
public final class BufferedRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private final ServletInputStream stream;

    public BufferedRequest(HttpServletRequest request, byte[] body) {
        super(request);
        this.body = body;
        this.stream = stream(new ByteArrayInputStream(body));
    }

    /** The same stream on every call, as the container's: Jersey asks for it again on each read. */
    @Override
    public ServletInputStream getInputStream() {
        return stream;
    }

    private static ServletInputStream stream(ByteArrayInputStream in) {
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("the body is buffered: read it blocking");
            }
        };
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }
}
