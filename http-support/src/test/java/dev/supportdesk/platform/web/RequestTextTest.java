package dev.supportdesk.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTextTest {

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x1B, 0x1F})
    void refusesC0ControlCharacters(int c) {
        assertThat(RequestText.problem("a" + (char) c + "b")).contains(String.format("U+%04X", c));
    }

    @Test
    void acceptsTabLineFeedCarriageReturnAndAnyUnicode() {
        assertThat(RequestText.problem("a\tb\nc\r\n é 日本 \ud83d\ude00 \u007f \u0085"))
                .isNull();
    }

    @Test
    void refusesUnpairedSurrogates() {
        assertThat(RequestText.problem("x\ud800")).contains("U+D800");
        assertThat(RequestText.problem("\udc00x")).contains("U+DC00");
        assertThat(RequestText.problem("\ud800y\udc00")).contains("U+D800");
    }
}
