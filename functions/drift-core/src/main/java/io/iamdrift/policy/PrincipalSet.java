package io.iamdrift.policy;

/**
 * The {@code Principal} ({@code negated == false}) or {@code NotPrincipal} ({@code negated == true}) element.
 */
public record PrincipalSet(boolean negated, Principal principal) {}
