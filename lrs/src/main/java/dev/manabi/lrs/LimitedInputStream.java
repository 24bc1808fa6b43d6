package dev.manabi.lrs;

import dev.manabi.xapi.XapiException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** A request body cut off at a limit (413), for bodies sent without a Content-Length (chunked). */
final class LimitedInputStream extends FilterInputStream {

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > limit) {
            throw new XapiException(413, "request-too-large", "The request body is larger than this LRS accepts ("
                    + limit + " bytes, manabi.lrs.max-request-bytes)");
        }
    }
}
