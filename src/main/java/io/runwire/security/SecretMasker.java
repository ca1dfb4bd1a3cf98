package io.runwire.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Replaces values under secret-looking keys with {@code "****"}, at any depth, before data leaves Runwire. */
public final class SecretMasker {

    public static final String MASK = "****";
    private static final Pattern SECRET_KEY = Pattern.compile(
            "(?i).*(token|secret|password|passwd|authorization|api[-_]?key|credential|private[-_]?key|client[-_]?secret).*");

    private SecretMasker() {
    }

    public static boolean isSecretKey(String key) {
        return key != null && SECRET_KEY.matcher(key).matches();
    }

    public static Object mask(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> masked = new LinkedHashMap<>();
            map.forEach((key, inner) -> masked.put(String.valueOf(key),
                    isSecretKey(String.valueOf(key)) && inner != null ? MASK : mask(inner)));
            return masked;
        }
        if (value instanceof List<?> list) {
            List<Object> masked = new ArrayList<>(list.size());
            list.forEach(inner -> masked.add(mask(inner)));
            return masked;
        }
        return value;
    }
}
