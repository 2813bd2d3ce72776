package io.github.srgandl4j.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void parsesFlatObjects() {
        Map<String, Object> m = Json.parseFlatObject(" {\"rater\": \"r\\u00e9\\n\", \"score\": 3, \"x\": -1.5e2, \"b\": true, \"n\": null} ");
        assertEquals("ré\n", m.get("rater"));
        assertEquals(3.0, m.get("score"));
        assertEquals(-150.0, m.get("x"));
        assertEquals(Boolean.TRUE, m.get("b"));
        assertTrue(m.containsKey("n") && m.get("n") == null);
        assertEquals(Map.of(), Json.parseFlatObject("{}"));
    }

    @Test
    void refusesWhatItDoesNotAccept() {
        for (String bad : new String[] {"", "[]", "{\"a\": [1]}", "{\"a\": {}}", "{\"a\": 1,}", "{\"a\": 1} x",
            "{\"a\": 01}", "{\"a\": 1, \"a\": 2}", "{a: 1}", "{\"a\": \"\u0001\"}", "{\"a\": tru}"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseFlatObject(bad), bad);
            assertTrue(e.getMessage().startsWith("invalid JSON at character "), e.getMessage());
        }
    }

    @Test
    void writesStringsAndNumbers() {
        assertEquals("\"a\\\"b\\\\c\\n\\u003c/script>\\u0001\"", Json.str("a\"b\\c\n</script>\u0001"));
        assertEquals("null", Json.str(null));
        assertEquals("3", Json.num(3.0));
        assertEquals("0.25", Json.num(0.25));
        assertEquals("null", Json.num(Double.NaN));
    }
}
