package io.runwire.template;

import java.io.Writer;

/**
 * Where a render writes the payload: counts its UTF-8 bytes against the output limit and checks the deadline on
 * every write, so an over-long payload fails while it is being written instead of after it filled the heap.
 */
final class PayloadWriter extends Writer {

    private final StringBuilder text = new StringBuilder();
    private final RenderBudget budget;

    PayloadWriter(RenderBudget budget) {
        this.budget = budget;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        budget.checkTime();
        budget.output(utf8Bytes(chars, offset, length));
        text.append(chars, offset, length);
    }

    @Override
    public void write(String string, int offset, int length) {
        budget.checkTime();
        budget.output(utf8Bytes(string, offset, length));
        text.append(string, offset, offset + length);
    }

    @Override
    public void write(int c) {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static long utf8Bytes(CharSequence chars, int offset, int length) {
        long bytes = 0;
        for (int i = offset; i < offset + length; i++) {
            bytes += utf8Bytes(chars.charAt(i));
        }
        return bytes;
    }

    private static long utf8Bytes(char[] chars, int offset, int length) {
        long bytes = 0;
        for (int i = offset; i < offset + length; i++) {
            bytes += utf8Bytes(chars[i]);
        }
        return bytes;
    }

    /** A surrogate pair is 4 bytes in UTF-8: 2 for each half. */
    private static int utf8Bytes(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800 || Character.isSurrogate(c)) {
            return 2;
        }
        return 3;
    }
}
