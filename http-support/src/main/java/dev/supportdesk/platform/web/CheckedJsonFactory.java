package dev.supportdesk.platform.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import java.io.ByteArrayInputStream;
import java.io.DataInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The JSON factory of {@link PlatformJson#strictRequests()}: bytes are decoded as UTF-8 by the JDK's
 * decoder, which refuses what Jackson's own byte parser lets through (overlong forms, encoded
 * surrogates, truncated sequences), and every parser it makes is a {@link CheckedTextParser}. JSON
 * between systems is UTF-8 (RFC 8259), so other encodings are refused rather than guessed.
 */
final class CheckedJsonFactory extends JsonFactory {

    CheckedJsonFactory() {
        super();
    }

    private CheckedJsonFactory(CheckedJsonFactory source, ObjectCodec codec) {
        super(source, codec);
    }

    @Override
    public JsonFactory copy() {
        return new CheckedJsonFactory(this, null);
    }

    @Override
    protected JsonParser _createParser(InputStream in, IOContext context) throws IOException {
        return new CheckedTextParser(super._createParser(utf8(in), context));
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        return new CheckedTextParser(
                super._createParser(utf8(new ByteArrayInputStream(data, offset, length)), context));
    }

    @Override
    protected JsonParser _createParser(Reader reader, IOContext context) throws IOException {
        return new CheckedTextParser(super._createParser(reader, context));
    }

    @Override
    protected JsonParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable)
            throws IOException {
        return new CheckedTextParser(super._createParser(data, offset, length, context, recyclable));
    }

    @Override
    protected JsonParser _createParser(DataInput input, IOContext context) {
        throw new UnsupportedOperationException("request bodies are read from streams");
    }

    private static Reader utf8(InputStream in) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new InputStreamReader(in, decoder);
    }
}
