package io.iamdrift.evaluation.internal;

import io.iamdrift.evaluation.RequestContext;
import io.iamdrift.internal.BoundedCache;
import io.iamdrift.internal.Glob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Text from a Resource element or a condition value, split into literal characters, wildcards and policy
 * variables (IAM User Guide, "IAM policy elements: Variables and tags").
 *
 * <ul>
 *   <li>{@code ${aws:username}}: replaced by the context value of that key (key case-insensitive). When the
 *       key is absent, empty or multivalued the variable has no value and the text matches nothing.</li>
 *   <li>{@code ${aws:username, 'anonymous'}}: a default used when the key has no value; {@code ''} inside the
 *       quotes is one quote.</li>
 *   <li>{@code ${*}}, {@code ${?}}, {@code ${$}}: the literal characters {@code *}, {@code ?}, {@code $}.</li>
 * </ul>
 *
 * <p>Variables are only recognised when the document's Version is 2012-10-17; otherwise {@code ${...}} is
 * plain text. Substituted values are literal text: a {@code *} inside a user name is not a wildcard.
 * {@link #parse} interns: a text that repeats across policies is parsed once. Immutable and thread-safe.
 */
public final class Template {

    /** Interned templates, one cache per (wildcards, variablesEnabled). */
    private static final List<BoundedCache<String, Template>> INTERNED = List.of(
            new BoundedCache<>(16_384),
            new BoundedCache<>(16_384),
            new BoundedCache<>(16_384),
            new BoundedCache<>(16_384));

    /** The character that stands for each distinct variable spelling in a {@link #symbolic} glob. */
    private static final ConcurrentHashMap<Variable, Character> VARIABLE_TOKENS = new ConcurrentHashMap<>();

    /** A policy variable reference. */
    public record Variable(String key, String lowerKey, String defaultValue, boolean malformed) {}

    private final String text;
    private final boolean wildcards;
    /** Characters; at variable positions a placeholder. */
    private final char[] chars;

    private final byte[] kinds;
    /** For each position: index into variables, or -1. */
    private final int[] varAt;

    private final List<Variable> variables;

    private Template(
            String text, boolean wildcards, char[] chars, byte[] kinds, int[] varAt, List<Variable> variables) {
        this.text = text;
        this.wildcards = wildcards;
        this.chars = chars;
        this.kinds = kinds;
        this.varAt = varAt;
        this.variables = List.copyOf(variables);
    }

    /**
     * Parses text.
     *
     * @param wildcards whether {@code *} and {@code ?} are wildcards (false for StringEquals and friends)
     * @param variablesEnabled whether {@code ${...}} is a policy variable (Version 2012-10-17)
     */
    public static Template parse(String text, boolean wildcards, boolean variablesEnabled) {
        return INTERNED.get((wildcards ? 2 : 0) + (variablesEnabled ? 1 : 0))
                .get(text, t -> parseNew(t, wildcards, variablesEnabled));
    }

    private static Template parseNew(String text, boolean wildcards, boolean variablesEnabled) {
        int n = text.length();
        char[] c = new char[n];
        byte[] k = new byte[n];
        int[] v = new int[n];
        List<Variable> vars = new ArrayList<>();
        int out = 0;
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            if (variablesEnabled && ch == '$' && i + 1 < n && text.charAt(i + 1) == '{') {
                int close = text.indexOf('}', i + 2);
                if (close > 0) {
                    String body = text.substring(i + 2, close).strip();
                    if (body.equals("*") || body.equals("?") || body.equals("$")) {
                        c[out] = body.charAt(0);
                        k[out] = Glob.LIT;
                        v[out] = -1;
                        out++;
                    } else {
                        vars.add(variable(body));
                        c[out] = '$';
                        k[out] = Glob.LIT;
                        v[out] = vars.size() - 1;
                        out++;
                    }
                    i = close;
                    continue;
                }
            }
            c[out] = ch;
            k[out] = wildcards && ch == '*' ? Glob.ANY : wildcards && ch == '?' ? Glob.ONE : Glob.LIT;
            v[out] = -1;
            out++;
        }
        return new Template(text, wildcards, Arrays.copyOf(c, out), Arrays.copyOf(k, out), Arrays.copyOf(v, out), vars);
    }

    private static Variable variable(String body) {
        int comma = body.indexOf(',');
        String key = (comma < 0 ? body : body.substring(0, comma)).strip();
        boolean malformed = key.isEmpty() || key.chars().anyMatch(Character::isWhitespace);
        String def = null;
        if (comma >= 0) {
            String rest = body.substring(comma + 1).strip();
            if (rest.length() >= 2 && rest.charAt(0) == '\'' && rest.charAt(rest.length() - 1) == '\'') {
                String inner = rest.substring(1, rest.length() - 1);
                // '' is an escaped quote; a lone quote inside is malformed
                StringBuilder sb = new StringBuilder(inner.length());
                for (int i = 0; i < inner.length(); i++) {
                    char ch = inner.charAt(i);
                    if (ch == '\'') {
                        if (i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                            sb.append('\'');
                            i++;
                        } else {
                            malformed = true;
                        }
                    } else {
                        sb.append(ch);
                    }
                }
                def = sb.toString();
            } else {
                malformed = true;
            }
        }
        return new Variable(key, key.toLowerCase(Locale.ROOT), malformed ? null : def, malformed);
    }

    public boolean hasVariables() {
        return !variables.isEmpty();
    }

    public List<Variable> variables() {
        return variables;
    }

    /** The text as written. */
    public String text() {
        return text;
    }

    /** The glob of a template without variables. */
    public Glob glob(Glob.Mode mode, boolean ignoreCase) {
        if (hasVariables()) {
            throw new IllegalStateException("template has variables: " + text);
        }
        if (wildcards && chars.length == text.length()) {
            return Glob.compile(text, mode, ignoreCase); // the text as written: interned
        }
        return Glob.of(chars, kinds, mode, ignoreCase);
    }

    /**
     * The glob where every variable is replaced by {@code *}: matches every string any substitution could
     * produce (used to decide containment conservatively).
     */
    public Glob widened(Glob.Mode mode, boolean ignoreCase) {
        byte[] k = kinds.clone();
        for (int i = 0; i < k.length; i++) {
            if (varAt[i] >= 0) {
                k[i] = Glob.ANY;
            }
        }
        return Glob.of(chars, k, mode, ignoreCase);
    }

    /**
     * The glob where each variable is one character that only the same variable matches (see
     * {@link Glob#FIRST_VARIABLE}): decides containment between two patterns with the same variables, e.g.
     * {@code home/${aws:username}/*} covers {@code home/${aws:username}/docs/*}. Only for {@link Glob#covers};
     * {@code null} when the text itself holds such characters or the spellings ran out.
     */
    public Glob symbolic(Glob.Mode mode, boolean ignoreCase) {
        char[] c = chars.clone();
        for (int i = 0; i < c.length; i++) {
            if (varAt[i] >= 0) {
                Character token = token(variables.get(varAt[i]));
                if (token == null) {
                    return null;
                }
                c[i] = token;
            } else if (c[i] >= Glob.FIRST_VARIABLE && c[i] <= Glob.LAST_VARIABLE) {
                return null;
            }
        }
        return Glob.of(c, kinds, mode, ignoreCase);
    }

    private static Character token(Variable v) {
        // the same variable however its key is spelled (keys are case-insensitive)
        Variable key = new Variable(v.lowerKey(), v.lowerKey(), v.defaultValue(), v.malformed());
        Character t = VARIABLE_TOKENS.get(key);
        if (t != null) {
            return t;
        }
        synchronized (VARIABLE_TOKENS) {
            t = VARIABLE_TOKENS.get(key);
            if (t == null && VARIABLE_TOKENS.size() <= Glob.LAST_VARIABLE - Glob.FIRST_VARIABLE) {
                t = (char) (Glob.FIRST_VARIABLE + VARIABLE_TOKENS.size());
                VARIABLE_TOKENS.put(key, t);
            }
            return t;
        }
    }

    /** The literal text (no wildcards) of a template without variables. */
    public String literalText() {
        return new String(chars);
    }

    /**
     * Substitutes the variables from the context.
     *
     * @param missing receives the key of each variable that had no value and no default
     * @return the glob, or {@code null} when a variable has no value
     */
    public Glob resolveGlob(RequestContext ctx, Glob.Mode mode, boolean ignoreCase, MissingKeys missing) {
        Resolved r = resolve(ctx, missing);
        return r == null ? null : Glob.of(r.chars, r.kinds, mode, ignoreCase);
    }

    /** Substitutes the variables and returns plain text (wildcards as their characters), or {@code null}. */
    public String resolveText(RequestContext ctx, MissingKeys missing) {
        Resolved r = resolve(ctx, missing);
        return r == null ? null : new String(r.chars);
    }

    private record Resolved(char[] chars, byte[] kinds) {}

    private Resolved resolve(RequestContext ctx, MissingKeys missing) {
        String[] values = new String[variables.size()];
        int extra = 0;
        boolean ok = true;
        for (int i = 0; i < values.length; i++) {
            Variable var = variables.get(i);
            String value = null;
            if (!var.malformed()) {
                List<String> vs = ctx.valuesLowerCase(var.lowerKey());
                if (vs != null && vs.size() == 1) {
                    value = vs.get(0);
                }
                if (vs == null && missing != null && var.defaultValue() == null) {
                    missing.add(var.key());
                }
                if (value == null) {
                    value = var.defaultValue();
                }
            }
            if (value == null) {
                ok = false;
                continue;
            }
            values[i] = value;
            extra += value.length() - 1;
        }
        if (!ok) {
            return null;
        }
        char[] c = new char[chars.length + extra];
        byte[] k = new byte[c.length];
        int o = 0;
        for (int i = 0; i < chars.length; i++) {
            if (varAt[i] >= 0) {
                String value = values[varAt[i]];
                value.getChars(0, value.length(), c, o);
                o += value.length(); // kinds stay LIT (0)
            } else {
                c[o] = chars[i];
                k[o] = kinds[i];
                o++;
            }
        }
        return new Resolved(c, k);
    }

    @Override
    public String toString() {
        return text;
    }
}
