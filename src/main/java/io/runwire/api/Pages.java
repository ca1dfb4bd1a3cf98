package io.runwire.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Pagination of list endpoints: {@code ?limit=&offset=} in, {@code {items, total, limit, offset}} out. */
@Component("pages")
public class Pages {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    public record Window(int limit, int offset) {
    }

    public Window window(Object limit, Object offset) {
        int parsedLimit = parse(limit, "limit", DEFAULT_LIMIT);
        int parsedOffset = parse(offset, "offset", 0);
        if (parsedLimit < 1 || parsedLimit > MAX_LIMIT) {
            throw ApiException.badRequest("Invalid query parameter",
                    List.of("limit: must be between 1 and " + MAX_LIMIT));
        }
        if (parsedOffset < 0) {
            throw ApiException.badRequest("Invalid query parameter", List.of("offset: must be 0 or more"));
        }
        return new Window(parsedLimit, parsedOffset);
    }

    /** Rows of a query that carries {@code count(*) OVER () AS total}, as one page of the list named {@code key}. */
    public Map<String, Object> page(String key, List<Map<String, Object>> rows, Window window) {
        long total = rows.isEmpty() ? 0 : ((Number) rows.get(0).get("total")).longValue();
        List<Map<String, Object>> items = rows.stream().map(row -> {
            Map<String, Object> item = new LinkedHashMap<>(row);
            item.remove("total");
            return item;
        }).toList();
        Map<String, Object> page = new LinkedHashMap<>();
        page.put(key, items);
        page.put("total", total);
        page.put("limit", window.limit());
        page.put("offset", window.offset());
        return page;
    }

    private static int parse(Object value, String name, int fallback) {
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid query parameter", List.of(name + ": must be an integer"));
        }
    }
}
