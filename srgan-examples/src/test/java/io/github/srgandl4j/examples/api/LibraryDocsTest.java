package io.github.srgandl4j.examples.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/library.md quotes each example program between {@code <!-- example: Name -->} and
 * {@code <!-- /example -->}; the quote must be the source's lines between {@code // tag::example[]}
 * and {@code // end::example[]}, indentation removed, so the page cannot drift from code that compiles
 * and runs ({@link ExamplesTest}).
 */
class LibraryDocsTest {
    static final Path DOCS = Path.of("..", "docs", "library.md");
    static final Path SOURCES = Path.of("src", "main", "java", "io", "github", "srgandl4j", "examples", "api");
    static final List<String> EXAMPLES = List.of("UpscaleExample", "PretrainExample", "SrganExample", "EvaluateExample",
            "OnnxImportExample");

    /** The tagged lines of an example's source, with their common indentation removed. */
    static String snippet(String source) {
        int start = source.indexOf("// tag::example[]");
        int end = source.indexOf("// end::example[]");
        assertTrue(start >= 0 && end > start, "no tag::example[] .. end::example[] block");
        List<String> lines = source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end)).lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return b.toString();
    }

    /** The fenced code block the docs page quotes for {@code name}. */
    static String quoted(String docs, String name) {
        String open = "<!-- example: " + name + " -->";
        int i = docs.indexOf(open);
        assertTrue(i >= 0, "docs/library.md lacks " + open);
        int j = docs.indexOf("<!-- /example -->", i);
        String block = docs.substring(i + open.length(), j).strip();
        assertTrue(block.startsWith("```java\n") && block.endsWith("```"), name + ": not a ```java block");
        return block.substring("```java\n".length(), block.length() - 3);
    }

    @Test
    void everyExampleIsQuotedExactlyAsItsSource() throws Exception {
        String docs = Files.readString(DOCS);
        for (String name : EXAMPLES) {
            String source = Files.readString(SOURCES.resolve(name + ".java"));
            assertEquals(snippet(source), quoted(docs, name), name + " in docs/library.md differs from " + name + ".java");
            assertTrue(source.lines().count() <= 45, name + " is meant to stay short");
        }
    }

    @Test
    void theSnippetExtractionIsExact() {
        String src = "class A {\n    void f() {\n        // tag::example[]\n        int a = 1;\n\n            a++;\n        // end::example[]\n    }\n}\n";
        assertEquals("int a = 1;\n\n    a++;\n", snippet(src));
        String docs = "x\n<!-- example: A -->\n```java\nint a = 1;\n```\n<!-- /example -->\n";
        assertEquals("int a = 1;\n", quoted(docs, "A"));
    }
}
