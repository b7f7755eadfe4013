package cn.gov.ledger.api.posting;

import cn.gov.ledger.api.web.ApiProblem;
import cn.gov.ledger.core.money.Money;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Collects what is wrong with a request's fields, to answer all of it at once (VALIDATION_FAILED). */
final class Violations {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_TEXT_LENGTH = 1000;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /** Ids: letters (Chinese too), digits and the punctuation of document numbers; no quotes, spaces or markup. */
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:/#()（）〔〕\\[\\]-]+");
    /** Free text is plain text: no markup. */
    private static final Pattern MARKUP = Pattern.compile("[<>]");

    private final Map<String, String> errors = new LinkedHashMap<>();

    /** A caller-chosen id: present, at most 200 characters, no control characters. */
    String id(String field, String value) {
        if (value == null || value.isBlank()) {
            errors.put(field, "is required");
        } else if (value.length() > MAX_ID_LENGTH) {
            errors.put(field, "must be at most " + MAX_ID_LENGTH + " characters");
        } else if (!isPlainAsciiId(value) && !ID.matcher(value).matches()) {
            errors.put(field, "may hold letters, digits and . _ : / # ( ) [ ] - only");
        }
        return value;
    }

    /**
     * What {@link #ID} accepts, checked without the regex for ids of ASCII letters, digits and
     * punctuation, the usual ones, because the regex's Unicode classes are costly on the batch path.
     * Any other id is left to the regex.
     */
    private static boolean isPlainAsciiId(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "._:/#()[]-".indexOf(c) >= 0;
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    String text(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.put(field, "is required");
            }
        } else if (value.length() > MAX_TEXT_LENGTH) {
            errors.put(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
        } else if (CONTROL.matcher(value.replace('\n', ' ')).find()) {
            errors.put(field, "must not contain control characters");
        } else if (MARKUP.matcher(value).find()) {
            errors.put(field, "must be plain text, without < or >");
        }
        return value;
    }

    /** An amount in 元 as a string with at most two decimals; null when absent or wrong. */
    Money amount(String field, String value, boolean required, Sign sign) {
        if (value == null) {
            if (required) {
                errors.put(field, "is required");
            }
            return null;
        }
        try {
            Money money = Money.parse(value);
            if (!sign.accepts(money)) {
                errors.put(field, sign.message);
                return null;
            }
            return money;
        } catch (IllegalArgumentException e) {
            errors.put(field, e.getMessage());
            return null;
        }
    }

    <T> T required(String field, T value) {
        if (value == null) {
            errors.put(field, "is required");
        }
        return value;
    }

    void reject(String field, String message) {
        errors.put(field, message);
    }

    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
    }

    enum Sign {
        POSITIVE("must be greater than zero"),
        NOT_NEGATIVE("must not be negative"),
        NOT_ZERO("must not be zero");

        private final String message;

        Sign(String message) {
            this.message = message;
        }

        boolean accepts(Money money) {
            return switch (this) {
                case POSITIVE -> money.isPositive();
                case NOT_NEGATIVE -> !money.isNegative();
                case NOT_ZERO -> !money.isZero();
            };
        }
    }
}
