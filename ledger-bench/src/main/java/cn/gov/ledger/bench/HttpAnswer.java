package cn.gov.ledger.bench;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP/1.1 answer read whole from a buffer: a status line, headers, and a body by Content-Length
 * or chunked. {@code body} is kept only for anything but 2xx, as the load needs no more.
 */
record HttpAnswer(int status, String body, boolean closes) {

    /**
     * The answer at the start of {@code in} (in write mode), consumed from it; null while it is
     * not whole yet.
     */
    static HttpAnswer parse(ByteBuffer in) {
        byte[] bytes = in.array();
        int filled = in.position();
        int headEnd = indexOf(bytes, 0, filled, "\r\n\r\n");
        if (headEnd < 0) {
            return null;
        }
        String[] head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(head[0].substring(9, 12));
        long length = 0;
        boolean chunked = false;
        boolean closes = false;
        for (int i = 1; i < head.length; i++) {
            int colon = head[i].indexOf(':');
            String name = head[i].substring(0, colon).trim();
            String value = head[i].substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.equalsIgnoreCase("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                closes = value.equalsIgnoreCase("close");
            }
        }
        int bodyStart = headEnd + 4;
        boolean keep = status / 100 != 2;
        StringBuilder body = new StringBuilder();
        int end;
        if (chunked) {
            int at = bodyStart;
            while (true) {
                int lineEnd = indexOf(bytes, at, filled, "\r\n");
                if (lineEnd < 0) {
                    return null;
                }
                String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                at = lineEnd + 2;
                if (size == 0) {
                    int trailersEnd = indexOf(bytes, at - 2, filled, "\r\n\r\n");
                    if (trailersEnd < 0) {
                        return null;
                    }
                    end = trailersEnd + 4;
                    break;
                }
                if (at + size + 2 > filled) {
                    return null;
                }
                if (keep) {
                    body.append(new String(bytes, at, size, StandardCharsets.UTF_8));
                }
                at += size + 2;
            }
        } else {
            if (bodyStart + length > filled) {
                return null;
            }
            if (keep) {
                body.append(new String(bytes, bodyStart, (int) length, StandardCharsets.UTF_8));
            }
            end = bodyStart + (int) length;
        }
        System.arraycopy(bytes, end, bytes, 0, filled - end);
        in.position(filled - end);
        return new HttpAnswer(status, keep ? body.toString() : null, closes);
    }

    private static int indexOf(byte[] bytes, int from, int to, String ascii) {
        outer:
        for (int i = from; i <= to - ascii.length(); i++) {
            for (int j = 0; j < ascii.length(); j++) {
                if (bytes[i + j] != ascii.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
