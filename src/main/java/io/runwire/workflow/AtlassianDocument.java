package io.runwire.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain text as an Atlassian Document Format document (Jira Cloud's rich text): blank lines separate paragraphs,
 * consecutive lines starting with {@code "- "} become one bullet list, other line breaks stay hard breaks. The text is
 * carried as it is — ADF text nodes are not markup, so nothing in it needs escaping.
 */
public final class AtlassianDocument {

    private AtlassianDocument() {
    }

    public static Map<String, Object> of(String text) {
        List<Object> content = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        List<String> bullets = new ArrayList<>();
        for (String line : (text == null ? "" : text).split("\\r\\n|\\r|\\n", -1)) {
            if (line.isBlank()) {
                flush(content, paragraph, bullets);
            } else if (line.startsWith("- ")) {
                flushParagraph(content, paragraph);
                bullets.add(line.substring(2));
            } else {
                flushBullets(content, bullets);
                paragraph.add(line);
            }
        }
        flush(content, paragraph, bullets);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "doc");
        doc.put("version", 1);
        doc.put("content", content);
        return doc;
    }

    private static void flush(List<Object> content, List<String> paragraph, List<String> bullets) {
        flushParagraph(content, paragraph);
        flushBullets(content, bullets);
    }

    private static void flushParagraph(List<Object> content, List<String> lines) {
        if (!lines.isEmpty()) {
            content.add(paragraph(lines));
            lines.clear();
        }
    }

    private static void flushBullets(List<Object> content, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        List<Object> listItems = new ArrayList<>();
        for (String item : items) {
            listItems.add(node("listItem", List.of(paragraph(List.of(item)))));
        }
        content.add(node("bulletList", listItems));
        items.clear();
    }

    /** The lines of one paragraph, joined by hard breaks; an empty text node is not allowed in ADF. */
    private static Map<String, Object> paragraph(List<String> lines) {
        List<Object> inline = new ArrayList<>();
        for (String line : lines) {
            if (!inline.isEmpty()) {
                inline.add(Map.of("type", "hardBreak"));
            }
            if (!line.isEmpty()) {
                Map<String, Object> text = new LinkedHashMap<>();
                text.put("type", "text");
                text.put("text", line);
                inline.add(text);
            }
        }
        return node("paragraph", inline);
    }

    private static Map<String, Object> node(String type, List<Object> content) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("type", type);
        node.put("content", content);
        return node;
    }
}
